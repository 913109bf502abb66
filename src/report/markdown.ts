// Small helpers to build job-summary Markdown/HTML from typed results. Every user-supplied
// string goes through escapeHtml, so that a cluster or image name cannot inject markup.

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('|', '&#124;');
}

export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/** An HTML table (GitHub renders it in summaries); cells are escaped unless marked raw. */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>\n`;
}

export type Cell = string | number | { readonly raw: string };

function cell(c: Cell): string {
  if (typeof c === 'number') return String(c);
  return typeof c === 'string' ? escapeHtml(c) : c.raw;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Text that Mermaid takes as a label: no quotes, brackets, colons, semicolons or newlines. */
export function mermaidText(text: string): string {
  return text.replace(/["<>`:;#\n\r]/g, '_');
}
