/**
 * Decision model API. Typical use:
 *   const criteria = await computeCriteria(db, params);      // SQL, once per data/parameter change
 *   const result = scoreSites(criteria, weights);             // pure TS, microseconds: call on every weight change
 *   rankProbabilities(result.matrix, result.weights, { seed }); tornado(criteria, siteId); flipWeights(result);
 */
export * from './types.ts';
export { DEFAULT_PARAMS, PARAM_META, withDefaults, financingRateOf, type ScenarioParams, type ParamMeta, type CustomerGroup, type NormalisationMethod, type WorkplaceBasis } from './params.ts';
export { CRITERIA, CRITERION_IDS, DEFAULT_WEIGHTS, RETIRED_CRITERIA, criterionDef, type CriterionDef, type Direction } from './definitions.ts';
export { computeCriteria, recomputeMoney, writeScenarioParams, NO_TRAVEL_TIMES, type CriteriaResult } from './criteria.ts';
export { staffCriteriaSql } from './staff.ts';
export { commuteSamples, commuteSamplesSql, todayOfficeCost, type CommuteSamples, type CommuteLists } from './commute.ts';
export { customerCriteriaSql } from './customers.ts';
export { loadInputs, type ModelInputs, type SiteRow, type OfficeRow, type MoversSummary } from './inputs.ts';
export { spaceCriteria, workplacesNeeded } from './space.ts';
export { moneyCriteria, freedLeases, siteMoveDate, annuityFactor, capitalCost } from './money.ts';
export { unitText, type UnitCode } from './units.ts';
export { scoreSites, NO_WEIGHTS, NO_USABLE_WEIGHTS, normaliseWeights, normaliseValues, constraintViolations, scoresFor, rankOrder, type Weights, type ScoreResult, type ScoreMatrix, type RankedSite, type ExcludedSite } from './score.ts';
export { rankProbabilities, tornado, flipWeights, criterionLabel, type RankProbabilities, type RankProbabilityOptions, type TornadoBar, type FlipResult } from './robustness.ts';
export { scoreSurface, cellCriteria, loadSurfaceInputs, matrixTimeSource, cantonGrid, DEFAULT_MIN_COVERAGE, type SurfaceInputs, type SurfaceResult, type TimeSource, type Cell } from './surface.ts';
export { createScenario, parseScenario, serialiseScenario, duplicateScenario, updateScenario, compareScenarios, dataVersion, scenarioId, SCENARIO_FORMAT, type Scenario, type ScenarioDiff, type DataVersion } from './scenario.ts';
export { scenarioToParam, scenarioFromParam, type ScenarioSetup } from './scenario-url.ts';
export { checkParams, ParamError, PARAM_RULES } from './params-check.ts';
export { canonicalJson, fnv1a64 } from './hash.ts';
export { addMonths, yearsBetween } from './dates.ts';
export { estimateTravelTimes, estimateTravelTimesSql, DEFAULT_ESTIMATE, ESTIMATE_SOURCE, type EstimateOptions } from './estimate.ts';
export { siteReachCriteria, writeSiteGuteklasse, writeSiteCatchment, GK_TABLE, CATCHMENT_TABLE, CATCHMENT_MINUTES, type SiteGkRow, type CatchmentRow } from './reach.ts';
export { zoneCommuteChange, zoneCommuteChangeSql, zoneTotals, ZONE_TOTALS_SQL, type ZoneCommuteChange, type ZoneTotals } from './zones.ts';
export { MIN_GROUP, isSmallCount, groupFigure, safeShare, safeShareOf, protectStats, protectStaff, protectZoneChange, protectCustomerGroup } from './privacy.ts';
export { weightSum, scaleTo100, withFixedWeights, isWeight, MAX_WEIGHT } from './weights.ts';
