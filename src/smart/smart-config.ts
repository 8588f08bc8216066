import type { Config, RuleSet } from '../config/types.js';
import type { CardLayout } from '../engine/compose.js';
import { liveRuleSettings } from '../learning/shadow-rules.js';

/**
 * What the browser pages need from the service's configuration, served as `/smart/config.json`.
 * The rule settings are the service's own, so the app recommends exactly what the cards say.
 */
export interface SmartClientConfig {
  clientId: string;
  scope: string;
  ruleSet: RuleSet;
  disabledRules: string[];
  rectosigmoidInScope: boolean;
  /** How the service lays out chart-review cards: the app shows the same cards. */
  cardLayout: CardLayout;
  /**
   * The open-server launch (`?fhirServiceUrl=&patientId=`, no EHR, no token) is for demo mode and tests only:
   * in production the app is reached through an EHR launch, so a link cannot point it at an arbitrary server.
   */
  openServerLaunch: boolean;
}

export function smartClientConfig(config: Config): SmartClientConfig {
  return {
    clientId: config.smartClientId,
    scope: config.smartScopes,
    ruleSet: config.ruleSet,
    // Shadow rules are never shown, in the app either.
    disabledRules: [...liveRuleSettings(config).disabledRules],
    rectosigmoidInScope: config.rectosigmoidInScope,
    cardLayout: config.cardLayout,
    openServerLaunch: config.mode === 'demo',
  };
}

/** Runtime check of the JSON the page fetched (the page must not run on a half-read configuration). */
export function parseSmartClientConfig(raw: unknown): SmartClientConfig {
  const o = raw as Partial<SmartClientConfig> | null;
  if (
    !o ||
    typeof o.clientId !== 'string' ||
    typeof o.scope !== 'string' ||
    (o.ruleSet !== 'extended' && o.ruleSet !== 'seed-only') ||
    !Array.isArray(o.disabledRules) ||
    !o.disabledRules.every((r) => typeof r === 'string') ||
    typeof o.rectosigmoidInScope !== 'boolean' ||
    (o.cardLayout !== 'plan' && o.cardLayout !== 'separate') ||
    typeof o.openServerLaunch !== 'boolean'
  ) {
    throw new Error('The service returned an invalid SMART configuration');
  }
  return {
    clientId: o.clientId,
    scope: o.scope,
    ruleSet: o.ruleSet,
    disabledRules: o.disabledRules,
    rectosigmoidInScope: o.rectosigmoidInScope,
    cardLayout: o.cardLayout,
    openServerLaunch: o.openServerLaunch,
  };
}
