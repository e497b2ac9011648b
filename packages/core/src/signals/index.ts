export { analyzeConversation } from './analyze-conversation';
export { summarizeConcepts } from './concept-aggregate';
export { evidenceToAssessment, mapEvidenceToCriteria } from './criteria-map';
export { classifyQuestion, suggestOpenQuestion } from './question-coach';
export * from './signal-types';
