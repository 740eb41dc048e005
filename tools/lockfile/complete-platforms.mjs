#!/usr/bin/env node
// Some registry mirrors serve only the Linux builds of packages that ship native binaries per platform
// (@swc/core-*, @unrs/resolver-binding-*, ...). `npm install` then leaves the other platforms' optional
// packages out of package-lock.json and `npm ci` refuses the lock file as out of sync. This script adds
// the missing optional entries with their os/cpu constraints (derived from the package name), so the
// lock file is complete for every platform; npm skips them where they do not apply.
//
//   node tools/lockfile/complete-platforms.mjs [package-lock.json]
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p) || p === 'win32');
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.some((p) => p.startsWith('gnu')) ? 'glibc' : undefined) : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  if (!entry.optionalDependencies) continue;
  const base = path === '' ? 'node_modules/' : `${path}/node_modules/`;
  for (const [dep, spec] of Object.entries(entry.optionalDependencies)) {
    const nested = `${base}${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) {
      console.warn(`left alone (no platform in its name): ${dep}@${spec}`);
      continue;
    }
    if (!/^\d+\.\d+\.\d+/.test(spec)) {
      console.warn(`left alone (not an exact version): ${dep}@${spec}`);
      continue;
    }
    packages[hoisted] = {
      version: spec,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      cpu: [platform.cpu],
      os: [platform.os],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${file}: added ${added} optional platform entries`);
