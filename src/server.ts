export { createGateway, type Gateway } from './server/create-gateway.js';
export { GatewayConfigError, type GatewayOptions } from './server/gateway-options.js';
export type { ListenOptions } from './server/http/standalone-server.js';
