import { variables, type VariableName, type VariableValue } from './variables.ts';

export type Config<Names extends VariableName> = { [Name in Names]: VariableValue<Name> };

/** Thrown at start-up when the environment is unusable; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: VariableName; problem: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map(({ variable, problem }) => `  ${variable}: ${problem}`).join('\n') +
        '\nSee .env.example for every variable and its meaning.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the named variables. Empty strings count as unset so that `FOO=` in a shell
 * falls back to the default instead of failing on an empty value.
 */
export function loadConfig<const Names extends VariableName>(
  names: readonly Names[],
  env: Record<string, string | undefined> = process.env,
): Config<Names> {
  const config: Partial<Record<VariableName, unknown>> = {};
  const problems: { variable: VariableName; problem: string }[] = [];
  for (const name of names) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = variables[name].schema.safeParse(raw);
    if (parsed.success) {
      config[name] = parsed.data;
    } else {
      const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push({
        variable: name,
        problem: raw === undefined ? `required (${reasons})` : `${reasons}, got ${JSON.stringify(raw)}`,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config<Names>;
}

/** Like loadConfig, but a required variable (DATABASE_URL in cluster mode) must be present. */
export function requireVariable<Value>(name: VariableName, value: Value | undefined, why: string): Value {
  if (value === undefined) throw new ConfigError([{ variable: name, problem: `required ${why}` }]);
  return value;
}
