// GitHub Actions' OIDC provider: the job asks ACTIONS_ID_TOKEN_REQUEST_URL (with
// `&audience=`) carrying ACTIONS_ID_TOKEN_REQUEST_TOKEN and gets `{ value: <JWT> }`; the
// issuer publishes its discovery document and JWKS so that Entra ID can verify the JWT.
import { randomBytes, randomUUID } from 'node:crypto';
import { bearer, json, type Reply, type Request } from './http.ts';
import { epoch, SigningKey, type Claims, type Jwk } from './jwt.ts';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** The workflow run the tokens describe; the subject is derived from it as GitHub does. */
export interface WorkflowContext {
  repository: string;
  ref: string;
  eventName: string;
  environment?: string;
  workflowFile: string;
  /** A customised subject (e.g. `repo:ORG@id/REPO@id:...`); derived when absent. */
  subject?: string;
}

export const DEFAULT_WORKFLOW: WorkflowContext = {
  repository: 'octo-org/pg-infra',
  ref: 'refs/heads/main',
  eventName: 'push',
  workflowFile: 'deploy.yml',
};

/** GitHub's default subject template. */
export function subjectOf(w: WorkflowContext): string {
  if (w.subject) return w.subject;
  if (w.environment) return `repo:${w.repository}:environment:${w.environment}`;
  if (w.eventName === 'pull_request') return `repo:${w.repository}:pull_request`;
  return `repo:${w.repository}:ref:${w.ref}`;
}

export class GitHubOidc {
  readonly key = new SigningKey();
  readonly requestToken = randomBytes(24).toString('base64url');
  workflow: WorkflowContext = { ...DEFAULT_WORKFLOW };
  /** Tokens handed out, by audience (never the tokens themselves). */
  readonly issued: string[] = [];
  /** Lifetime of the tokens; GitHub's are short. */
  lifetimeSeconds = 300;

  get jwks(): readonly Jwk[] {
    return [this.key.jwk];
  }

  /** A token as GitHub would sign it, e.g. for AZURE_FEDERATED_TOKEN_FILE. */
  mint(audience: string, overrides: Claims = {}): string {
    const w = this.workflow;
    const now = epoch();
    const owner = w.repository.split('/')[0] ?? '';
    return this.key.sign({
      jti: randomUUID(),
      sub: subjectOf(w),
      aud: audience,
      ref: w.ref,
      repository: w.repository,
      repository_owner: owner,
      event_name: w.eventName,
      ...(w.environment ? { environment: w.environment } : {}),
      workflow_ref: `${w.repository}/.github/workflows/${w.workflowFile}@${w.ref}`,
      job_workflow_ref: `${w.repository}/.github/workflows/${w.workflowFile}@${w.ref}`,
      runner_environment: 'github-hosted',
      iss: GITHUB_ISSUER,
      nbf: now - 5,
      iat: now,
      exp: now + this.lifetimeSeconds,
      ...overrides,
    });
  }

  handle(req: Request): Reply {
    const path = req.url.pathname;
    if (path === '/.well-known/openid-configuration')
      return json(200, {
        issuer: GITHUB_ISSUER,
        jwks_uri: `${GITHUB_ISSUER}/.well-known/jwks`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public', 'pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    if (path === '/.well-known/jwks') return json(200, { keys: this.jwks });
    if (path !== '/token' || req.method !== 'GET') return json(404, { message: 'Not Found' });
    if (bearer(req) !== this.requestToken)
      return json(401, { message: 'Unable to authenticate the ID token request' });
    const owner = this.workflow.repository.split('/')[0] ?? '';
    const audience = req.url.searchParams.get('audience') ?? `https://github.com/${owner}`;
    this.issued.push(audience);
    return json(200, { count: 1, value: this.mint(audience) });
  }
}
