/** Public API of the FHIR -> Case mapping; the piece mappers are exported for unit tests and other modules. */
export { type MappingOptions, mapCase, SYNCHRONOUS_WINDOW_DAYS } from './map-case.js';
export { type PatientRecord, type RecordInput, buildRecord, asRecord } from './record.js';
export { mapBiomarkers } from './biomarkers.js';
export { CEA_RESPONSE_FACTOR, CEA_RISE_FACTOR, type CeaOptions, mapCeaSeries } from './cea.js';
export { mapCurativeIntent } from './curative-intent.js';
export { cancerConditions, classifyCancer, mapDiagnosis } from './diagnosis.js';
export { mapDiseaseStatus } from './disease-status.js';
export { drugsInConcept, drugsOf, mapExposures } from './drugs.js';
export { type DraftOrderOptions, draftIdOf, draftResourcesById, mapDraftOrders } from './draft-orders.js';
export { mapLastImaging } from './imaging.js';
export { mapMdtReview, mapResectabilityHistory } from './mdt.js';
export { mapMetastases } from './metastases.js';
export { karnofskyToEcog, mapPerformance } from './performance.js';
export { mapProcedures, procedureKindOf } from './procedures.js';
export { mapRadiotherapy } from './radiotherapy.js';
export { mapStaging } from './staging.js';
export { mapSymptoms } from './symptoms.js';
export { LINE_ACTIVE_WINDOW_DAYS, buildLines, mapTherapy, regimenOf } from './therapy-lines.js';
