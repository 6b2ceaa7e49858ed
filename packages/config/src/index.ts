export { loadConfig, loadConfigOrExit, ConfigError, type Config } from './load-config.ts';
export { variables, type VariableName } from './variables.ts';
