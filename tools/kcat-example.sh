#!/bin/sh
# Publishes the example posting command of the AsyncAPI document (docs/contracts/asyncapi.yaml)
# with kcat, exactly as an ingestion pipeline would, and prints the event the postings service
# answers with on postings.v1. Needs the platform running (`npm start`) and kcat
# (`apt-get install kcat`).
#
#   tools/kcat-example.sh [brokers]      brokers: default $KAFKA_BROKERS, else 127.0.0.1:9092
set -eu
cd "$(dirname "$0")/.."
BROKERS=${1:-${KAFKA_BROKERS:-127.0.0.1:9092}}
command -v kcat >/dev/null 2>&1 || { echo "kcat is not installed: apt-get install kcat" >&2; exit 1; }
PATH="$PWD/node_modules/.bin:$PATH"

# Key, headers or value of the talentmatch.posting.upsert example on channel postings.ingest.v1.
example() {
  node -e '
    const doc = require("yaml").parse(require("fs").readFileSync("docs/contracts/asyncapi.yaml", "utf8"));
    const channel = Object.values(doc.channels).find((c) => c.address === "postings.ingest.v1");
    const message = Object.values(channel.messages).map((m) => doc.components.messages[m.$ref.split("/").pop()])
      .find((m) => m.name === "talentmatch.posting.upsert");
    const field = process.argv[1];
    if (field === "key") console.log(message.bindings.kafka.key.examples[0]);
    if (field === "value") console.log(JSON.stringify(message.examples[0].payload));
    if (field === "headers") for (const [name, value] of Object.entries(message.examples[0].headers)) console.log(`${name}=${value}`);
  ' "$1"
}

KEY=$(example key)
set --
for header in $(example headers); do set -- "$@" -H "$header"; done
SINCE=$(( $(date +%s) * 1000 - 1000 ))

example value | kcat -P -b "$BROKERS" -t postings.ingest.v1 -k "$KEY" "$@"
echo "published talentmatch.posting.upsert, key $KEY, on postings.ingest.v1; waiting for postings.v1 ..." >&2

EXTERNAL_ID=${KEY#*/}
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  EVENT=$(kcat -C -b "$BROKERS" -t postings.v1 -o "s@$SINCE" -e -q -f '%s\n' | grep "\"externalId\":\"$EXTERNAL_ID\"" | tail -n 1 || true)
  if [ -n "$EVENT" ]; then
    echo "$EVENT"
    exit 0
  fi
  sleep 1
done
echo "no event for $KEY on postings.v1 within 20 s: is the postings service running against $BROKERS?" >&2
exit 1
