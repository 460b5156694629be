// The production layout (compose.yaml, Caddyfile) checked against the code it runs: every Tandem
// setting it sets is one Tandem reads (a misspelt variable would be silently ignored), the app
// processes all run the server and are all behind the proxy, probed on /readyz, the worker runs
// `tandem worker`, and the data services are the ones the README names. (Docker itself is not on
// the test machines: the file is checked, not started.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SETTINGS } from '../src/lib/server/config';

interface Service {
	image?: string;
	build?: { context: string; dockerfile: string };
	command?: string[];
	environment?: Record<string, string>;
	healthcheck?: { test: string[] };
	depends_on?: Record<string, { condition: string }>;
}

const dir = import.meta.dirname;
const compose = parse(readFileSync(join(dir, 'compose.yaml'), 'utf8'), { merge: true }) as {
	services: Record<string, Service>;
};
const services = compose.services;
const caddyfile = readFileSync(join(dir, 'Caddyfile'), 'utf8');
const known = new Set(Object.values(SETTINGS).flatMap((setting) => [...setting.variables]));
// adapter-node's own, and the AWS SDK's credentials (the S3 store takes the SDK's default chain).
const outside = new Set(['ORIGIN', 'PORT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
const tandemServices = Object.entries(services).filter(([, service]) =>
	service.image?.startsWith('tandem')
);

describe('the production layout (deploy/compose.yaml)', () => {
	it('runs two app processes, a worker, PostgreSQL, MinIO, Orthanc and the proxy', () => {
		expect(Object.keys(services)).toEqual(
			expect.arrayContaining(['app1', 'app2', 'worker', 'postgres', 'minio', 'orthanc', 'proxy'])
		);
		expect(services.app1!.command).toEqual(['node', 'build']);
		expect(services.app2!.command).toEqual(['node', 'build']);
		expect(services.worker!.command).toEqual(['node', 'scripts/tandem.mjs', 'worker']);
		expect(services.app1!.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
	});

	it('sets only settings Tandem reads, and the same database and image store everywhere', () => {
		expect(tandemServices.map(([name]) => name).sort()).toEqual(['app1', 'app2', 'worker']);
		for (const [name, service] of tandemServices) {
			for (const variable of Object.keys(service.environment ?? {}))
				expect(known.has(variable) || outside.has(variable), `${name}: ${variable}`).toBe(true);
			expect(service.environment!.DATABASE_URL).toMatch(
				/^postgres:\/\/tandem:.*@postgres:5432\/tandem$/
			);
			expect(service.environment!.TANDEM_IMAGE_STORE).toBe('s3');
			expect(service.environment!.TANDEM_S3_ENDPOINT).toBe('http://minio:9000');
			expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
		}
	});

	it('puts every app process behind the proxy, which sends only to ready ones', () => {
		const apps = tandemServices.map(([name]) => name).filter((name) => name.startsWith('app'));
		const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/);
		expect(upstreams.sort()).toEqual(apps.map((name) => `${name}:3000`).sort());
		expect(caddyfile).toMatch(/health_uri \/readyz/);
		for (const name of apps)
			expect(services[name]!.healthcheck!.test.join(' ')).toMatch(/\/readyz/);
	});
});
