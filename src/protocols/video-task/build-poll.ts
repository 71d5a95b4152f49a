import type { WireRequest } from '../types.js';
import { fillTaskId, joinUrl } from './paths.js';
import type { BuildPollOptions } from './types.js';

/**
 * Builds `GET {baseUrl}{pollPath}`: the configured poll template with the task id
 * filled in when one is given, else the path stored in the handle at submit time
 * (so a resumed run polls where the task was announced).
 */
export function buildVideoPoll(options: BuildPollOptions): WireRequest {
  const { handle, endpoint, paths } = options;
  const path =
    paths?.pollPath !== undefined ? fillTaskId({ template: paths.pollPath, taskId: handle.taskId }) : handle.pollPath;
  return {
    method: 'GET',
    url: joinUrl({ baseUrl: endpoint.baseUrl, path }),
    headers: { accept: 'application/json' },
    stream: false,
  };
}
