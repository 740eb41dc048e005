# The development token issuer (tools/dev-issuer.ts) for docker-compose: Node runs the TypeScript
# file as it is; its one dependency is jose, at the version the workspace locks.
FROM node:24-bookworm-slim
WORKDIR /issuer
COPY package-lock.json /tmp/package-lock.json
RUN echo '{"type":"module","private":true}' > package.json \
 && npm install --no-audit --no-fund --ignore-scripts "jose@$(node -p 'require("/tmp/package-lock.json").packages["node_modules/jose"].version')" \
 && rm /tmp/package-lock.json \
 && mkdir -p /home/node/keys /run/dev-issuer && chown node:node /home/node/keys /run/dev-issuer
COPY tools/dev-issuer.ts tools/dev-issuer-keys.ts tools/repo-root.ts ./
USER node
EXPOSE 8080
# Inside its network it listens on every interface; docker-compose publishes the port on 127.0.0.1.
CMD ["node", "dev-issuer.ts", "--host", "0.0.0.0", "--port", "8080", "--keys-dir", "/home/node/keys", "--jwks-file", "/run/dev-issuer/jwks.json"]
