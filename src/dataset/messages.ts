const roles = new Set(['system', 'developer', 'user', 'assistant']);
const mediaPartTypes = new Set(['image_url', 'audio_url', 'video_url']);

/**
 * Checks that a value is a chat messages array: `{ role, content }` items whose
 * content is a string or an array of text / image_url / audio_url / video_url
 * parts. Returns a description of the first problem, or null when it is valid.
 */
export function findMessagesProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `messages must be an array, got ${describe(value)}`;
  if (value.length === 0) return 'messages is an empty array';
  for (let index = 0; index < value.length; index += 1) {
    const problem = findMessageProblem(value[index], `messages[${index}]`);
    if (problem) return problem;
  }
  return null;
}

function findMessageProblem(message: unknown, where: string): string | null {
  if (!isRecord(message)) return `${where} must be an object with role and content, got ${describe(message)}`;
  if (typeof message.role !== 'string' || !roles.has(message.role)) {
    return `${where}.role must be one of ${[...roles].join(', ')}, got ${describe(message.role)}`;
  }
  const content = message.content;
  if (typeof content === 'string') return null;
  if (!Array.isArray(content))
    return `${where}.content must be a string or an array of parts, got ${describe(content)}`;
  if (content.length === 0) return `${where}.content is an empty array`;
  for (let index = 0; index < content.length; index += 1) {
    const problem = findPartProblem(content[index], `${where}.content[${index}]`);
    if (problem) return problem;
  }
  return null;
}

function findPartProblem(part: unknown, where: string): string | null {
  if (!isRecord(part)) return `${where} must be an object with a type, got ${describe(part)}`;
  if (part.type === 'text') {
    return typeof part.text === 'string' ? null : `${where}.text must be a string, got ${describe(part.text)}`;
  }
  if (typeof part.type === 'string' && mediaPartTypes.has(part.type)) {
    const media = part[part.type];
    if (!isRecord(media)) return `${where}.${part.type} must be an object with a url, got ${describe(media)}`;
    if (typeof media.url !== 'string' || media.url === '') {
      return `${where}.${part.type}.url must be a non-empty string, got ${describe(media.url)}`;
    }
    return null;
  }
  return `${where}.type must be text, image_url, audio_url or video_url, got ${describe(part.type)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
