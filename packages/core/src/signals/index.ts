export { analyzeConversation } from './analyze-conversation';
export { aggregateStatus, summarizeConcepts } from './concept-aggregate';
export { evidenceToAssessment, mapEvidenceToCriteria } from './criteria-map';
export { findDateMentions } from './date-resolve';
export { findMoneyMentions } from './money-extract';
export { classifyQuestion, suggestOpenQuestion } from './question-coach';
export { findRoleMentions } from './role-extract';
export * from './signal-types';
