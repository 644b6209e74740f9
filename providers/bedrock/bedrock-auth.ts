import type * as Sha256Module from '@aws-crypto/sha256-js';
import type * as SignatureV4Module from '@smithy/signature-v4';
import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';

const DEFAULT_REGION = 'us-east-1';

let sigV4: Promise<[typeof SignatureV4Module, typeof Sha256Module]> | undefined;

/** AWS's SigV4 packages, imported on first use: only routers that sign Bedrock requests with AWS credentials load them. */
export function loadSigV4(): Promise<[typeof SignatureV4Module, typeof Sha256Module]> {
  sigV4 ??= Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
  return sigV4;
}

/** The region in a Bedrock runtime host (`bedrock-runtime.<region>.amazonaws.com`), else the configured one. */
export function regionOf(target: ProviderTarget, env: NodeJS.ProcessEnv = process.env): string {
  const fromHost = /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(target.baseUrl)?.[1];
  const fromParams = typeof target.params?.region === 'string' ? target.params.region : undefined;
  return fromHost ?? fromParams ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
}

export function bedrockBaseUrl(params: Readonly<Record<string, unknown>> | undefined, env: NodeJS.ProcessEnv): string {
  const region = (typeof params?.region === 'string' ? params.region : undefined) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}

function credentialsOf(target: ProviderTarget, env: NodeJS.ProcessEnv): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const param = (name: string) => (typeof target.params?.[name] === 'string' ? (target.params[name] as string) : undefined);
  const accessKeyId = param('accessKeyId') ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = param('secretAccessKey') ?? env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = param('sessionToken') ?? (param('accessKeyId') ? undefined : env.AWS_SESSION_TOKEN);
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/**
 * Authenticates a Bedrock request: a Bedrock API key as a bearer token when the
 * deployment has one, else a SigV4 signature with the deployment's credentials
 * (`params.accessKeyId`, `secretAccessKey`, `sessionToken`) or the standard AWS variables.
 */
export async function signBedrockRequest(spec: HttpRequestSpec, target: ProviderTarget, env: NodeJS.ProcessEnv = process.env): Promise<HttpRequestSpec> {
  if (target.apiKey) return { ...spec, headers: { ...spec.headers, authorization: `Bearer ${target.apiKey}` } };
  const credentials = credentialsOf(target, env);
  if (!credentials) return spec;
  const [{ SignatureV4 }, { Sha256 }] = await loadSigV4();
  const url = new URL(spec.url);
  const signer = new SignatureV4({ service: 'bedrock', region: regionOf(target, env), credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: spec.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...spec.headers, host: url.host },
    body: spec.body,
  });
  return { ...spec, headers: signed.headers as Record<string, string> };
}
