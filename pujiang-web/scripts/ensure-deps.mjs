// Installs node_modules with `npm ci` when package-lock.json changed since the last install, so that
// the Maven build (and bin/build on a fresh clone) needs no separate npm step. Uses the system's node
// and npm; never downloads Node itself.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`pujiang-web: Node.js 20.19 or newer is needed to build the browser client, found ${process.versions.node}`);
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = readFileSync(join(root, 'package-lock.json'));
const want = createHash('sha256').update(lock).digest('hex');
const stamp = join(root, 'node_modules', '.pujiang-lock.sha256');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) {
  process.exit(0);
}
console.log('pujiang-web: installing npm packages (npm ci)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: root, stdio: 'inherit' });
if (r.error || r.status !== 0) {
  console.error(`pujiang-web: npm ci failed${r.error ? ': ' + r.error.message : ''}`);
  process.exit(r.status || 1);
}
writeFileSync(stamp, want + '\n');
