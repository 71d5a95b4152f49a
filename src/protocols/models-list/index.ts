export { buildModelsListRequest } from './build-request.js';
export { checkModels, type CheckedTarget, type ModelProblem } from './check-models.js';
export { ENDPOINT_TYPE_BY_FORMAT, formatForEndpointType, servesFormat } from './endpoint-types.js';
export { parseModelsList, type ListedModel } from './parse-models-list.js';
