// Which resource a request path names: group, version, optional namespace, plural, name and
// subresource, resolved against the types the sandbox serves (404 for the others).
import type { Target } from './handlers.ts';
import type { ResourceType } from './resources.ts';
import { ApiError } from './types.ts';

export const NOT_FOUND = 'the server could not find the requested resource';

export function parseTarget(
  types: ResourceType[],
  group: string,
  version: string,
  rest: string[],
): Target {
  const find = (plural: string | undefined) =>
    types.find((t) => t.group === group && t.version === version && t.plural === plural);
  const namespaced =
    rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced === true;
  const [ns, plural, name, sub] = namespaced
    ? [rest[1], rest[2], rest[3], rest[4]]
    : [undefined, rest[0], rest[1], rest[2]];
  const type = find(plural);
  if (!type) throw new ApiError(404, 'NotFound', NOT_FOUND);
  return {
    type,
    ...(ns ? { namespace: ns } : {}),
    ...(name ? { name } : {}),
    ...(sub ? { subresource: sub } : {}),
  };
}
