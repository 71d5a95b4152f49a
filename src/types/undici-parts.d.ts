// Types for the two undici modules src/run/http-client.ts loads directly (undici ships
// types only for its index); they are the same classes and function the index exports.
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  /** undici's `Dispatcher.prototype.request`: called with the dispatcher as `this`, and an origin and path instead of a URL. */
  function dispatchRequest(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default dispatchRequest;
}
