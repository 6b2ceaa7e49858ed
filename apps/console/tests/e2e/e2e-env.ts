/**
 * Values shared by playwright.config.ts (which starts the console with them) and the tests
 * (which assert on them). Fixed rather than random so a console started by hand with the same
 * env can be reused between runs.
 */
export const consoleUrl = 'http://127.0.0.1:3000';

/** Where the tests' own api health server listens; nothing else in Kairos uses this port. */
export const apiHealthPort = Number(process.env.KAIROS_E2E_API_HEALTH_PORT ?? 7299);
export const apiHealthUrl = `http://127.0.0.1:${apiHealthPort}/healthz`;

/**
 * The real Kairos api the control-plane specs run against (started by playwright.config.ts in
 * embedded mode on its own ports, so a developer's `npm start` on 7233/7243 is never touched).
 */
export const kairosGrpcPort = Number(process.env.KAIROS_E2E_GRPC_PORT ?? 17233);
export const kairosHttpPort = Number(process.env.KAIROS_E2E_HTTP_PORT ?? 17243);
export const kairosApiUrl = `http://127.0.0.1:${kairosHttpPort}`;

/**
 * Where SDKs dial, as the console shows it: the test api's gRPC port. Not the default
 * 127.0.0.1:7233, so a page that ignored the env would fail the test.
 */
export const grpcPublicAddress = `127.0.0.1:${kairosGrpcPort}`;
