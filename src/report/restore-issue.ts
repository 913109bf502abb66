// open-issue-on-failure: a failing run opens a GitHub issue labelled pgha-restore-verify for
// the source cluster (or comments on the open one), a passing run closes it, through
// @actions/github against GITHUB_API_URL with github-token. Errors warn: the issue is a
// report, it never changes the result.
import { escapeHtml } from './markdown.ts';
import type { IssueFacts } from './restore-facts.ts';

export const ISSUE_LABEL = 'pgha-restore-verify';

export interface IssueRequest {
  readonly token: string;
  readonly apiUrl: string;
  /** owner/repo (GITHUB_REPOSITORY). */
  readonly repository: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly passed: boolean;
  /** Markdown: what failed, or that it passes again. */
  readonly body: string;
}

export const issueTitle = (namespace: string, cluster: string) =>
  `pgha restore-verify fails for ${namespace}/${cluster}`;

export async function reportIssue(r: IssueRequest): Promise<IssueFacts> {
  const [owner, repo] = r.repository.split('/');
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY '${r.repository}' is not owner/repo`);
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(r.token, { baseUrl: r.apiUrl.replace(/\/+$/, '') });
  const title = issueTitle(r.namespace, r.cluster);
  const open = await octokit.rest.issues.listForRepo({
    owner,
    repo,
    state: 'open',
    labels: ISSUE_LABEL,
    per_page: 100,
  });
  const existing = open.data.find((i) => i.title === title && !i.pull_request);
  if (r.passed) {
    if (!existing) return { action: 'none' };
    await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: existing.number,
      body: r.body,
    });
    await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: existing.number,
      state: 'closed',
      state_reason: 'completed',
    });
    return { action: 'closed', url: existing.html_url };
  }
  if (existing) {
    await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: existing.number,
      body: r.body,
    });
    return { action: 'commented', url: existing.html_url };
  }
  const created = await octokit.rest.issues.create({
    owner,
    repo,
    title,
    body: r.body,
    labels: [ISSUE_LABEL],
  });
  return { action: 'opened', url: created.data.html_url };
}

export function issueBody(o: {
  readonly passed: boolean;
  readonly runUrl?: string;
  readonly message?: string;
  readonly failedChecks: readonly string[];
  readonly backup?: string;
}): string {
  const run = o.runUrl ? ` ([run](${o.runUrl}))` : '';
  if (o.passed)
    return `pgha restore-verify passes again${run}${o.backup ? `: Backup \`${escapeHtml(o.backup)}\` restored and verified` : ''}.`;
  const checks = o.failedChecks.map((c) => `- ${escapeHtml(c)}`).join('\n');
  return [
    `pgha restore-verify failed${run}.`,
    '',
    o.message ? `> ${escapeHtml(o.message).replaceAll('\n', '\n> ')}` : '',
    o.backup ? `Backup: \`${escapeHtml(o.backup)}\`` : '',
    checks ? `\nFailed checks:\n${checks}` : '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
