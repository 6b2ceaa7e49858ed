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
export function loadConfig<const Names extends VariableName, const Required extends Names = never>(
  names: readonly Names[],
  env: Record<string, string | undefined> = process.env,
  options: { required?: readonly Required[]; why?: string } = {},
): Config<Names> & { [Name in Required]-?: NonNullable<VariableValue<Name>> } {
  const config: Partial<Record<VariableName, unknown>> = {};
  const problems: { variable: VariableName; problem: string }[] = [];
  for (const name of names) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = variables[name].schema.safeParse(raw);
    if (parsed.success && parsed.data === undefined && options.required?.includes(name as never)) {
      problems.push({ variable: name, problem: `required${options.why ? ` ${options.why}` : ''}` });
    } else if (parsed.success) {
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
  return config as Config<Names> & { [Name in Required]-?: NonNullable<VariableValue<Name>> };
}

/** For process entry points: loads the config, or prints what is wrong and exits with EX_CONFIG (78). */
export function loadConfigOrExit<const Names extends VariableName, const Required extends Names = never>(
  names: readonly Names[],
  options: { required?: readonly Required[]; why?: string } = {},
): Config<Names> & { [Name in Required]-?: NonNullable<VariableValue<Name>> } {
  try {
    return loadConfig(names, process.env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}
