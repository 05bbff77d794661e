import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanEnv } from '../build/build-site.ts';
import { FIXTURE_ARCHIVE, PROJECT_ROOT } from '../helpers.ts';

// Every request a child process makes to another host lands here: it is the npm registry the child is
// told to use and the proxy every outbound HTTP(S) request goes through (Node's fetch honours the proxy
// variables with NODE_USE_ENV_PROXY=1). Requests to this machine itself do not pass the proxy.
const recorded: string[] = [];
let recorder: Server;
let recorderUrl: string;
let scratch: string;

const freePort = () =>
	new Promise<number>((resolve) => {
		const probe = createNetServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});

beforeAll(async () => {
	recorder = createServer((request, response) => {
		recorded.push(`${request.method} ${request.headers.host}${request.url}`);
		response.writeHead(404).end();
	});
	recorder.on('connect', (request, socket) => {
		recorded.push(`CONNECT ${request.url}`);
		socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
	});
	await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
	recorderUrl = `http://127.0.0.1:${(recorder.address() as { port: number }).port}`;
	scratch = await mkdtemp(join(tmpdir(), 'hindsight-offline-'));
});
afterAll(async () => {
	await new Promise((resolve) => recorder?.close(resolve));
	await rm(scratch, { recursive: true, force: true });
});

/** An environment in which any attempt to reach another host is recorded, and Astro would check for updates. */
function recordingEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env = cleanEnv({
		HINDSIGHT_CONTENT: FIXTURE_ARCHIVE,
		HINDSIGHT_CACHE_DIR: join(scratch, 'cache'),
		npm_config_registry: recorderUrl,
		HTTP_PROXY: recorderUrl,
		HTTPS_PROXY: recorderUrl,
		http_proxy: recorderUrl,
		https_proxy: recorderUrl,
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
		NODE_USE_ENV_PROXY: '1',
		// Astro checks for updates only outside CI and when its last check (in its preferences) is old.
		CI: 'false',
		XDG_CONFIG_HOME: join(scratch, 'config'),
		...extra,
	});
	// As a developer would start it: without the variables the npm scripts set.
	delete env['ASTRO_DISABLE_UPDATE_CHECK'];
	delete env['ASTRO_TELEMETRY_DISABLED'];
	return env;
}

/** Starts a command, waits until its output matches `ready` (or it ends), then lets it run `linger` ms more and stops it. */
function runFor(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, linger: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: PROJECT_ROOT, env, detached: true });
		let output = '';
		let stopping: ReturnType<typeof setTimeout> | undefined;
		const stop = () => {
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {}
		};
		const timeout = setTimeout(() => {
			stop();
			reject(new Error(`${command} ${args.join(' ')} did not get ready:\n${output}`));
		}, 90_000);
		const onData = (chunk: Buffer) => {
			output += chunk;
			if (!stopping && ready.test(output)) stopping = setTimeout(stop, linger);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', () => {
			clearTimeout(timeout);
			clearTimeout(stopping);
			resolve(output);
		});
	});
}

test('the recording catches a request to another host, so that its silence below means something', async () => {
	const before = recorded.length;
	const script =
		"await fetch('http://archive.example.invalid/probe').catch(() => {}); await fetch(process.env.npm_config_registry + '/astro/latest').catch(() => {});";
	await runFor(process.execPath, ['--input-type=module', '-e', script], recordingEnv(), /$^/, 0);
	expect(new Set(recorded.slice(before))).toEqual(new Set(['CONNECT archive.example.invalid:80', `GET ${recorderUrl.slice(7)}/astro/latest`]));
});

test('astro dev, started without the npm script, contacts no other host (no update check, no telemetry)', async () => {
	const port = await freePort();
	const before = recorded.length;
	const args = ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'];
	// The update check starts with the server and asks npm for the registry first: a few seconds are enough.
	const output = await runFor(process.execPath, args, recordingEnv(), /ready in/, 8_000);
	expect(output).toMatch(/ready in/);
	expect(output).not.toMatch(/New version of Astro/i);
	expect(recorded.slice(before)).toEqual([]);
}, 120_000);

test('npm run preview and npm run check contact no other host', async () => {
	const site = join(scratch, 'site');
	await mkdir(site, { recursive: true });
	await writeFile(join(site, 'index.html'), '<!doctype html><title>Archive</title>');
	const before = recorded.length;
	const port = await freePort();
	const [preview, check] = await Promise.all([
		runFor(
			'npm',
			['run', 'preview', '--', '--port', String(port), '--host', '127.0.0.1', '--outDir', site],
			recordingEnv(),
			/localhost|127\.0\.0\.1:\d+/,
			4_000
		),
		runFor('npm', ['run', 'check', '--', '--content', FIXTURE_ARCHIVE], recordingEnv(), /$^/, 0),
	]);
	expect(preview).toMatch(/127\.0\.0\.1|localhost/);
	expect(check).toMatch(/valid|problem/i);
	expect(recorded.slice(before)).toEqual([]);
}, 120_000);
