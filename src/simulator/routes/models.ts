import { endpointTypesFor, publishedCatalogue, type CatalogueModel } from '../catalogue.js';
import { sendBody, sendError } from '../http-reply.js';
import type { ProfileBook } from '../profiles.js';
import type { Route } from '../route-context.js';

/** The placeholder `created` value the gateway prints for every model. */
const placeholderCreated = 1626777600;

function listEntries(profiles: ProfileBook): Array<CatalogueModel & { object: 'model'; created: number }> {
  const known = new Set(publishedCatalogue.map((model) => model.id));
  const own = profiles
    .names()
    .filter((id) => !known.has(id))
    .map((id) => ({
      id,
      owned_by: id.startsWith('sim-') ? 'mixrouter-simulator' : 'custom',
      supported_endpoint_types: endpointTypesFor(id),
    }));
  return [...publishedCatalogue, ...own].map((model) => ({
    id: model.id,
    object: 'model',
    created: placeholderCreated,
    owned_by: model.owned_by,
    supported_endpoint_types: model.supported_endpoint_types,
  }));
}

/** `GET /v1/models` and `GET /v1/models/{id}`: the published catalogue plus the simulator's own profiles. */
export function modelsRoutes(profiles: ProfileBook): Route[] {
  const entries = listEntries(profiles);
  const listBody = JSON.stringify({ object: 'list', success: true, data: entries });
  const byId = new Map(entries.map((entry) => [entry.id, JSON.stringify(entry)]));
  return [
    {
      method: 'GET',
      path: '/v1/models',
      handle: (context) => sendBody(context, { status: 200, contentType: 'application/json', body: listBody }),
    },
    {
      method: 'GET',
      path: /^\/v1\/models\/(.+)$/,
      handle: (context) => {
        const id = decodeURIComponent(context.params[0]);
        const body = byId.get(id);
        if (body) sendBody(context, { status: 200, contentType: 'application/json', body });
        else
          sendError(context, {
            status: 404,
            message: `model ${id} not found`,
            type: 'invalid_request_error',
            code: 'model_not_found',
          });
      },
    },
  ];
}
