// Where the documentation of a BuildKit build check lives (each such rule's `url`).

/** BuildKit's docs URL for a check (`StageNameCasing` → `.../stage-name-casing/`). */
export function buildkitUrl(checkName: string): string {
  const kebab = checkName
    .replace(/JSON/g, 'Json')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}
