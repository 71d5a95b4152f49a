import type { VideoPaths } from './types.js';

/** The OpenAI-video style paths mixrouter documents (video-tasks.md §1, §2). */
export const defaultVideoPaths: VideoPaths = { submitPath: '/videos', pollPath: '/videos/{task_id}' };

/** The gateway's task-record paths (video-tasks.md §2.2), which expose Ark's raw status and usage. */
export const generationsVideoPaths: VideoPaths = {
  submitPath: '/video/generations',
  pollPath: '/video/generations/{task_id}',
};

/** The placeholder a poll path template must contain. */
export const taskIdPlaceholder = '{task_id}';

/** Fills in the defaults for any path not given. */
export function resolveVideoPaths(paths: Partial<VideoPaths> = {}): VideoPaths {
  return {
    submitPath: paths.submitPath ?? defaultVideoPaths.submitPath,
    pollPath: paths.pollPath ?? defaultVideoPaths.pollPath,
  };
}

/** Problems with configured paths: each must start with `/`, and the poll path must hold `{task_id}`. */
export function validateVideoPaths(paths: Partial<VideoPaths>): string[] {
  const problems: string[] = [];
  for (const key of ['submitPath', 'pollPath'] as const) {
    const value = paths[key];
    if (value !== undefined && (typeof value !== 'string' || !value.startsWith('/')))
      problems.push(`${key}: must start with '/', got ${JSON.stringify(value)}`);
  }
  if (typeof paths.pollPath === 'string' && !paths.pollPath.includes(taskIdPlaceholder)) {
    problems.push(`pollPath: must contain ${taskIdPlaceholder}, got ${JSON.stringify(paths.pollPath)}`);
  }
  return problems;
}

/** A poll path template with the (URL-encoded) task id filled in. */
export function fillTaskId(options: { template: string; taskId: string }): string {
  return options.template.split(taskIdPlaceholder).join(encodeURIComponent(options.taskId));
}

/** The base URL (ending in `/v1`, with or without a trailing slash) joined to a path. */
export function joinUrl(options: { baseUrl: string; path: string }): string {
  return `${options.baseUrl.replace(/\/+$/, '')}/${options.path.replace(/^\/+/, '')}`;
}
