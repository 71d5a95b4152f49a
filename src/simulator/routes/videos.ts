import { shortHash } from '../../util/hash.js';
import { gatewayErrors } from '../error-envelope.js';
import { replacesResponse, sendReplacingFault } from '../fault-replies.js';
import { commonHeaders, readJsonObject, sendBody, sendError, sendJson } from '../http-reply.js';
import type { Route, RouteContext } from '../route-context.js';
import {
  renderTaskError,
  taskNotExistBody,
  taskRecord,
  videoObject,
  videoUsage,
  type TaskViewOptions,
} from './videos-payloads.js';
import { readVideoRequest } from './videos-request.js';
import type { VideoTask, VideoTaskTable } from './videos-tasks.js';

const dayMs = 86_400_000;

/** The task id of a path parameter; a malformed escape is kept as sent (it then matches no task). */
function taskIdOf(context: RouteContext): string {
  const raw = context.params[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A TOS-style signature over the task and its completion time (not a secret; it only makes links look and act signed). */
function signature(task: VideoTask, seed: number): string {
  return shortHash(`${task.taskId}:${task.finishedAt ?? 0}:${seed}`, 64);
}

/** The signed loopback link of a finished task's MP4, shaped like Ark's (long query string, video-tasks.md §6 item 5). */
function fileUrl(context: RouteContext, task: VideoTask, table: VideoTaskTable): string {
  const ttlSeconds = Math.ceil((table.settings.urlTtlMs ?? dayMs) / 1000);
  const date = new Date(task.finishedAt ?? 0).toISOString().replace(/[-:]|\.\d+/g, '');
  const query = `X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Date=${date}&X-Tos-Expires=${ttlSeconds}&X-Tos-SignedHeaders=host&X-Tos-Signature=${signature(task, context.state.seed)}`;
  return `http://127.0.0.1:${context.request.socket.localPort}/__sim/files/${encodeURIComponent(task.taskId)}.mp4?${query}`;
}

function submitHandler(table: VideoTaskTable) {
  return async (context: RouteContext): Promise<void> => {
    const { state } = context;
    const body = await readJsonObject(context.request);
    if (!body) {
      sendError(context, {
        ...gatewayErrors.badBody('invalid request body: not a JSON object'),
        code: 'bad_request_body',
      });
      return;
    }
    const reading = readVideoRequest(body);
    const model = typeof body.model === 'string' ? body.model : null;
    if (!reading.ok) {
      sendError(context, { ...gatewayErrors.badBody(reading.message), code: reading.code });
      context.record({ model, stream: false, promptHash: null, status: 400, fault: null, usage: null });
      return;
    }
    const { facts } = reading;
    const base = { model: facts.model, stream: false, promptHash: null as string | null };
    if (state.unavailableModels.has(facts.model)) {
      sendError(context, gatewayErrors.noChannel(facts.model));
      context.record({ ...base, status: 503, fault: null, usage: null });
      return;
    }
    const fault = state.faults.decide({ seq: context.seq, model: facts.model });
    if (fault !== null && replacesResponse(fault)) {
      const status = sendReplacingFault(context, fault);
      context.record({ ...base, status, fault, usage: null });
      return;
    }
    const task = table.submit(facts, Date.now());
    context.record({ ...base, promptHash: task.promptHash, status: 200, fault: null, usage: null });
    sendJson(context, {
      status: 200,
      value: videoObject(task, { now: task.createdAt, fileUrl: null, expiredUpstream: false, withUsage: false }),
    });
  };
}

function pollHandler(table: VideoTaskTable, shape: 'video' | 'record') {
  return (context: RouteContext): void => {
    context.request.resume();
    const task = table.find(taskIdOf(context));
    if (!task) {
      sendBody(context, { status: 400, contentType: 'application/json', body: taskNotExistBody });
      context.record({ model: null, stream: false, promptHash: null, status: 400, fault: null, usage: null });
      return;
    }
    const base = { model: task.model, stream: false, promptHash: null };
    const fault = table.pollFault(task);
    if (fault !== null) {
      const status = sendReplacingFault(context, fault);
      context.record({ ...base, status, fault, usage: null });
      return;
    }
    const now = Date.now();
    table.advance(task, now);
    const view: TaskViewOptions = {
      now,
      fileUrl: task.phase === 'succeeded' ? fileUrl(context, task, table) : null,
      expiredUpstream: table.isExpiredUpstream(task, now),
    };
    const withUsage = shape === 'record' || table.settings.usageOnPoll === true;
    const billsNow = task.phase === 'succeeded' && withUsage && !task.usageBilled;
    if (billsNow) task.usageBilled = true;
    const tokens = billsNow ? videoUsage(task).completion_tokens : 0;
    context.record({
      ...base,
      status: 200,
      fault: null,
      usage: billsNow ? { input: 0, output: tokens, reasoning: 0, cached: 0 } : null,
    });
    sendJson(context, {
      status: 200,
      value: shape === 'video' ? videoObject(task, { ...view, withUsage }) : taskRecord(task, view),
    });
  };
}

function fileHandler(table: VideoTaskTable) {
  return (context: RouteContext): void => {
    context.request.resume();
    const task = table.find(taskIdOf(context));
    const deny = (status: number, code: string, message: string): void =>
      sendJson(context, { status, value: { Code: code, Message: message, RequestId: context.requestId } });
    if (task?.phase !== 'succeeded') {
      deny(404, 'NoSuchKey', 'The specified key does not exist.');
      return;
    }
    if (context.query.get('X-Tos-Signature') !== signature(task, context.state.seed)) {
      deny(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
      return;
    }
    if (Date.now() >= (task.finishedAt ?? 0) + (table.settings.urlTtlMs ?? dayMs)) {
      deny(403, 'AccessDenied', 'Request has expired');
      return;
    }
    const file = table.fileOf(task);
    table.countDownload(task);
    if (context.response.destroyed) return;
    context.response.writeHead(200, {
      ...commonHeaders(context.requestId),
      'Content-Type': 'video/mp4',
      'Content-Length': file.bytes.length,
    });
    context.response.end(file.bytes);
  };
}

/**
 * The video task routes (video-tasks.md): `POST /v1/videos` and `/v1/video/generations`
 * (submit), `GET /v1/videos/{id}` (the video object) and `/v1/video/generations/{id}`
 * (the task record), all with the task error envelope; and `GET /__sim/files/{id}.mp4`,
 * the signed, keyless loopback link a finished task points to.
 */
export function videoRoutes(table: VideoTaskTable): Route[] {
  return [
    { method: 'POST', path: '/v1/videos', renderError: renderTaskError, handle: submitHandler(table) },
    { method: 'POST', path: '/v1/video/generations', renderError: renderTaskError, handle: submitHandler(table) },
    {
      method: 'GET',
      path: /^\/v1\/videos\/([^/]+)$/,
      renderError: renderTaskError,
      handle: pollHandler(table, 'video'),
    },
    {
      method: 'GET',
      path: /^\/v1\/video\/generations\/([^/]+)$/,
      renderError: renderTaskError,
      handle: pollHandler(table, 'record'),
    },
    { method: 'GET', path: /^\/__sim\/files\/([^/]+)\.mp4$/, auth: false, ledger: false, handle: fileHandler(table) },
  ];
}

export {
  VideoTaskTable,
  videoPromptHash,
  type VideoOutcome,
  type VideoPollFault,
  type VideoSimulation,
  type VideoStats,
} from './videos-tasks.js';
