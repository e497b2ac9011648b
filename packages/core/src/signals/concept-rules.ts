import type { Concept } from '../frameworks/concepts';
import type { EvidenceStatus } from './signal-types';

/**
 * A phrase that is evidence for a concept. `status: 'auto'` reads the status from the clause: negated →
 * not met, hedged → partial (for the concepts where doubt matters), otherwise met.
 */
export interface CueRule {
  concept: Concept;
  pattern: RegExp;
  status: EvidenceStatus | 'auto';
  confidence: number;
  reason: string;
  /** Group 1 must be a product or company name (capitalised or starting with a digit). */
  nameGroup?: boolean;
}

/** Concepts where a hedge ("probably", "might") makes the evidence partial rather than met. */
export const HEDGE_SENSITIVE: ReadonlySet<Concept> = new Set<Concept>([
  'budget',
  'authority',
  'economic_buyer',
  'need',
  'pain',
  'timeline',
  'champion',
  'interest',
]);

export const CUE_RULES: CueRule[] = [
  // Budget, without an amount.
  {
    concept: 'budget',
    pattern:
      /\b(?:no|zero|without(?: a| any)?|(?:don'?t|do not|doesn'?t|does not) have(?: a| any)?|haven'?t got(?: a| any)?|lack of)\s+(?:\w+\s+)?(?:budget|money|funds|funding)\b(?!\s+(?:owner|holder|process|line owner))/gi,
    status: 'not_met',
    confidence: 0.9,
    reason: 'says there is no money for it',
  },
  {
    concept: 'budget',
    pattern:
      /\bbudget\s+(?:is|was|'s|has been|got)\s+(?:now\s+)?(?:zero|frozen|cut|gone|pulled|slashed|exhausted|spent|on hold|nil)\b|\b(?:can'?t|cannot|couldn'?t)\s+afford\b(?!\s+(?:another|to lose|to wait|to miss|not to))|\b(?:nothing|no money)\s+(?:is\s+)?(?:set aside|allocated|budgeted|earmarked)\b|\b(?:not|haven'?t|hasn'?t) budgeted\b|\beverything is frozen\b|\bcash is (?:tight|short)\b|\b(?:spending|budget|hiring) freeze\b|\b(?:was|were|got|has been|have been)\s+(?:cut|frozen|pulled|slashed|cancell?ed|withdrawn|reallocated)\b/gi,
    status: 'not_met',
    confidence: 0.9,
    reason: 'money is frozen, cut or unaffordable',
  },
  {
    concept: 'budget',
    pattern:
      /\bno (?:fixed|set|firm|formal|dedicated|approved) budget\b|\bbudget\b[^.]{0,25}?\b(?:tbd|to be (?:confirmed|determined|agreed)|isn'?t (?:confirmed|set|approved)|not (?:yet )?(?:confirmed|set|approved|allocated)|pending|unclear|unknown)\b|\bnothing is signed off\b|\bneeds? to (?:find|secure|request) (?:the )?(?:budget|money|funds|funding)\b|\bmoney (?:won'?t|will not|isn'?t|is not) (?:be )?(?:the |an? )?(?:blocker|issue|problem|obstacle)\b|\bfinance to confirm\b|\bpull something from\b/gi,
    status: 'partial',
    confidence: 0.85,
    reason: 'money may be found but is not confirmed',
  },
  {
    concept: 'budget',
    pattern:
      /\b(?:we|they|she|he|i)\s+(?:do\s+)?(?:have|has|got|'ve got)\s+(?:the\s+|a\s+|some\s+)?budget\b|\bbudget\s+(?:is\s+)?(?:approved|allocated|in place|secured|signed off|available|fine|confirmed|set aside)\b|\bfunds?\s+(?:are|is)\s+(?:available|approved|allocated)\b|\bmoney is (?:there|available|allocated)\b/gi,
    status: 'auto',
    confidence: 0.8,
    reason: 'says money is available',
  },

  // Need and pain.
  {
    concept: 'pain',
    pattern:
      /\b(?:problems?|issues?(?!\s+(?:the|a|an|our|their)\s)|pain(?:ful| points?)?|headaches?|struggl\w*|frustrat\w*|challenges?|bottlenecks?|broken|breaks|manual(?:ly)?|by hand|re-?key\w*|spreadsheets?|whiteboard|guesswork|waste[sd]?|wasting|slow|too long|too late|delays?|errors?|mistakes?|duplicates?|junk|never (?:contacted|logged|verify|make it|get|picked)|drowning|blind|can'?t (?:get|see|report|track|trust)|nobody (?:trusts|owns|maintained|picked)|weak link|complain\w*|unhappy|bounce|clunky|doesn'?t work|don'?t work|isn'?t working|not working|skip|hurting|costing|siloed|fragmented|chaos|messy|backlog|overwhelmed|drifted back|too complex|sit for days|churn|losing|lose|lost|miss(?:ed|ing)? (?:a|the|our|renewal)|risks? a)\b/gi,
    status: 'auto',
    confidence: 0.7,
    reason: 'describes a problem',
  },
  {
    concept: 'need',
    pattern:
      /\b(?:we|they|i)\s+(?:really\s+|still\s+)?needs?\s+(?:a|an|better|something|some|one place)\b|\bneeds? to (?:fix|replace|solve|improve|stop|reduce|cut|speed up|automate|find a way|have|see which|know|get rid)\b|^need to\b|\b(?:need|pain|problem|challenges?)\s*:|\blooking for (?:a|an|something|ways?)\b|\bwants? (?:it|this) fixed\b|\bshopping for\b|\bwish (?:we|i|they) had\b|\bneed is (?:there|real)\b|\bneed hasn'?t gone away\b|\bproblem is real\b/gi,
    status: 'auto',
    confidence: 0.8,
    reason: 'states a need',
  },
  {
    concept: 'need',
    pattern:
      /\b(?:no (?:real |current |pressing |big |actual )?(?:problem|pain|issue|need|challenges?|project)s?|nothing (?:is )?(?:really )?broken|(?:happy|satisfied|content) with (?:the |their |our |its )?(?:current|existing|what)|(?:current|existing) (?:setup|process|tool|system|solution) (?:mostly |basically )?works|works (?:fine|well)|just (?:browsing|curious|looking)|(?:don'?t|do not) (?:really )?(?:have|see) (?:any |a |real |much )?(?:problem|challenges?|issues?|pain|need)|no need\b|not (?:a|an) (?:problem|issue))\b/gi,
    status: 'not_met',
    confidence: 0.85,
    reason: 'says there is no problem to solve',
  },
  {
    concept: 'need',
    pattern:
      /\b(?:nice to have|not a big deal|mild|minor|(?:a bit|somewhat|slightly) \w+|(?:we|they) (?:can )?live with it|good enough|would be nice|could be better)\b/gi,
    status: 'partial',
    confidence: 0.85,
    reason: 'the problem sounds mild',
  },

  // Timeline without a date.
  {
    concept: 'timeline',
    pattern:
      /\bno (?:hard|fixed|firm|set|specific) (?:deadline|date|timeline)\b|\b(?:hard to say|not sure when|timeline (?:is )?(?:vague|unclear|tbd|open))\b/gi,
    status: 'partial',
    confidence: 0.85,
    reason: 'timing is vague',
  },
  {
    concept: 'timeline',
    pattern:
      /\b(?:no (?:timeline|timeframe|time frame|urgency|rush|hurry|deadline)|not (?:a )?(?:top |high |real )?priority|not urgent|no time pressure|(?:maybe |perhaps )?(?:one day|someday|some day)|not any time soon|not in the foreseeable)\b/gi,
    status: 'not_met',
    confidence: 0.9,
    reason: 'no timeline or priority',
  },
  {
    concept: 'timeline',
    pattern:
      /\b(?:(?:by|before) the end of (?:the|this|next) (?:financial|fiscal) year|(?:financial|fiscal) year[- ]end|urgent(?:ly)?|asap|as soon as possible|right away|immediately|top priority|high priority|compelling event|hard deadline|deadline|needs? (?:it|this|them) (?:live |in place |done |running )?(?:by|before)|go[- ]live|kick(?:-| )off|switch point|(?:contract|agreement|licen[cs]e) (?:ends|expires|runs out)|runs out)\b/gi,
    status: 'auto',
    confidence: 0.8,
    reason: 'there is urgency or a deadline',
  },

  // Champion.
  {
    concept: 'champion',
    pattern:
      /\b(?:i'?ll|i will|i'?m going to|i am going to|(?:he|she|they)(?:'ll| will|'d| would)|will|happy to|keen to) (?:champion|push (?:hard )?for|sponsor|advocate|sell (?:it|this) internally|make the case|handle the internal|set up the meeting|drive (?:it|this)|take (?:it|this) to|get (?:\w+ ){0,3}on board)\b|\(sponsor\)|\binternal (?:champion|advocate|sponsor)\b/gi,
    status: 'auto',
    confidence: 0.85,
    reason: 'someone will push for it internally',
  },
  {
    concept: 'champion',
    pattern:
      /\bwon'?t (?:stick (?:his|her|my|their) neck out|push for|champion|advocate|sponsor)|\bsomeone else would have to (?:drive|push|champion|own)|\bno (?:internal )?(?:champion|sponsor)\b/gi,
    status: 'not_met',
    confidence: 0.85,
    reason: 'nobody will push for it internally',
  },

  // Interest.
  {
    concept: 'interest',
    pattern:
      /\b(?:interested|interest is (?:genuine|real|high)|keen|excited|likes? the (?:product|demo|idea)|loved? the|love to see|wants? (?:a |to see a )?demo|asked for (?:a demo|pricing|a proposal))\b/gi,
    status: 'auto',
    confidence: 0.8,
    reason: 'shows interest',
  },
  {
    concept: 'interest',
    pattern:
      /\b(?:just curious|curious (?:what|about)|newsletter|keep (?:me|us) posted|send me (?:an email|some info|information)|mildly interested)\b/gi,
    status: 'partial',
    confidence: 0.8,
    reason: 'lukewarm interest',
  },

  // Competition.
  {
    concept: 'competition',
    pattern:
      /\b(?:also (?:looking at|talking to|evaluating|considering|speaking (?:to|with))|(?:demo|quote|proposal) from|got a quote|in the running|other vendors?|another vendor|one other vendor|alternatives?|competitors?|build(?:ing)? (?:it|something|this|our own|their own|a [\w ]{1,30}?) (?:themselves|ourselves|in-?house|internally)|building something on|in-?house|home-?grown|built (?:our|their) own|(?:current|existing|incumbent) (?:vendor|provider|agency|tool|platform|solution)|(?:looking at|evaluating|comparing|considering|shortlisted|trialling|trialing) (?:other|another|a few|two|three|some))\b/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'names an alternative they are weighing',
  },
  {
    concept: 'competition',
    // The product after the verb must be a name (capitalised), checked on group 1.
    pattern:
      /\b(?:looking at|evaluating|comparing|considering|shortlisted|trialling|trialing|(?:spoken|spoke|talking|talked|had a (?:call|demo|meeting)) (?:to|with)|contract with|(?:unhappy|happy|satisfied|frustrated) with|replace|replacing|switch(?:ing)? (?:from|away from)|currently (?:on|using|use))\s+([\w.]+)/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'names a product they use or are weighing',
    nameGroup: true,
  },
  {
    concept: 'competition',
    pattern:
      /\b(?:competition|competitors?)\s*:\s*none\b|\bno (?:other )?(?:competitors?|alternatives|other vendors)\b|\bnot (?:looking at|talking to|evaluating) (?:anyone|anybody|any other|other)\b|\bnone yet\b/gi,
    status: 'not_met',
    confidence: 0.85,
    reason: 'no alternative is being weighed',
  },

  // Paper process.
  {
    concept: 'paper_process',
    pattern:
      /\b(?:procurement|purchasing department|legal (?:review|reviews|team|redlines|sign-?off|approval|will (?:review|want)|is done|signs)|(?:goes|go|sent|send|through) to legal|(?:their|our) legal\b|security (?:review|questionnaire|assessment|team)|risk assessment|vendor (?:onboarding|assessment|approval|due diligence)|DPA|MSA|NDA|PO|purchase order|works council|countersign\w*|SOC ?2|ISO ?27001|infosec|compliance review|contract (?:review|negotiation|signature)|redlines?|due diligence|questionnaire)\b/gi,
    status: 'met',
    confidence: 0.85,
    reason: 'names a step of the paper process',
  },

  // Decision process and criteria.
  {
    concept: 'decision_process',
    pattern:
      /\b(?:(?:decision|approval|buying|purchasing|evaluation|procurement|sign-?off) (?:process|steps?|chain)|process for (?:approving|buying|choosing)|pilot|proof of concept|POC|trial period|shortlist|committee|votes?|voted|casting vote|recommend(?:s|ation)?|evaluates?|business case|present(?:s|ing)? (?:it )?to the (?:board|committee)|RFP|group (?:one|decision)|decision (?:by|is made by))\b|\bfirst\b[^.]{0,60}\bthen\b|,\s*then (?:the |our )?[\w ]{0,30}(?:approves|signs|raises|issues|reviews|decides)/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'describes how the decision is made',
  },
  {
    concept: 'decision_criteria',
    pattern:
      /\b(?:criteria|criterion|must[- ]haves?|must have|requirements?|deal[- ]?breakers?|non-negotiable|tie-?breaker|native [\w ]{0,20}integration|integrat(?:e|es|ion) with|automatic (?:sync|integration)|SSO|SAML|SOC ?2|GDPR-?compliant|data residency|reference customer|deciding factor)\b/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'states what the choice will depend on',
  },

  // Metrics: quantified results.
  {
    concept: 'metrics',
    pattern:
      /\b\d+(?:\.\d+)?\s?(?:%|percent\b)|\bfrom [$€£]?\d[\d,.]*\s?%? (?:up |down )?to [$€£]?\d|\b(?:double|triple|quadruple|halve|\d+x)\b|\b(?:half|a third|a quarter|two thirds) of\b|(?:\b(?:takes?|took|spends?|wait|waits|lose|losing|reply|respond|under|roughly|about|almost|up to)\s+(?:about\s+)?)(?:\d+|one|two|three|four|five|six|eight|ten|twelve|twenty)\s+(?:hours?|days?|minutes?)\b|\b(?:\d+|one|two|three|four|five|six|eight|ten|twelve|twenty)\s+(?:hours?|days?|minutes?)\s+(?:per|a day|a week|each|reconciling|to reply|to respond)\b|\b\d[\d,]*\s+(?:leads|deals|customers|accounts|meetings|tickets|contacts|users|opportunities|a month|per month|a week|per week|per rep)\b|\b\d[\d,.]*k?\s?(?:ARR|MRR)\b|\b(?:CSAT|NPS|DSO|CAC|LTV|win rate|conversion|cost per [\w ]{0,20}lead)\b[^.]{0,40}\d/gi,
    status: 'met',
    confidence: 0.75,
    reason: 'gives a number for the problem or the goal',
  },

  // Goals and plans.
  {
    concept: 'goals',
    pattern:
      /\b(?:goals?|targets?|objectives?|aim(?:s|ing)? to|OKRs?|KPIs?|(?:want|wants|expects?|plans?|hopes?|need) to (?:double|triple|quadruple|\d+x|grow|reach|raise|cut|reduce|increase|hit|get to|improve|halve)|(?:double|triple|quadruple|\d+x) (?:our|their|the|demo|revenue|pipeline|MRR|ARR)|want (?:it|them|this) (?:under|below|above|over|to be|at)|ready for|success (?:looks like|would be|means)|hit (?:the|our|their) [\w% -]{0,30}(?:target|goal|number|reduction|quota)|promised)\b/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'states a business goal',
  },
  {
    concept: 'plans',
    pattern:
      /\b(?:plan(?:s|ned|ning)? to|(?:plans|planned|planning) for|plan is|our plan|roll(?:ing)? (?:it )?out|rollout|roll-out|(?:pilot|start) with (?:the )?[\w ]{0,20}(?:team|region|office|group)|then everyone else|(?:we|they)(?:'ve)? tried|(?:we|they) hired (?:an?|the)|hiring (?:\w+ )?(?:more )?(?:reps|people|sdrs|aes)|launch(?:ing)? (?:the|a|an|our|their)|(?:the|our|their) [\w ]{0,20}launch|open(?:ing)? (?:the|a|our) [\w ]{0,20}office|buddy system|roadmap)\b/gi,
    status: 'met',
    confidence: 0.75,
    reason: 'describes what they are doing or did about it',
  },

  // Consequences and implications (GPCTBA/C&I).
  {
    concept: 'negative_consequences',
    pattern:
      /\bif (?:we|they|you) (?:don'?t|do not|can'?t|cannot|miss|fail|lose|aren'?t|stay)\b|\bif not\b|\botherwise\b|\bor else\b|\brisk(?:s|ing)? (?:a|an|of|losing|missing)\b|\b(?:we'?ll|we will|we'?d|we would|they'?ll|they'd) (?:lose|miss|have to|be forced|auto-?renew)\b|\b(?:losing|lose|lost|loses)\s+(?:\w+\s+){0,3}?(?:deals|customers?|accounts?|the account|revenue|ones|clients?)\b|\bcosting (?:them|us) (?:deals|money|customers)\b|\bgets? cut\b|\bwill (?:likely |probably )?be (?:merged|cut|let go|shut down)\b|\b(?:a|the|regulatory|GDPR) fines?\b|\bpenalt(?:y|ies)\b|\bevery (?:month|week|day) (?:we|they) don'?t\b|\bmiss the\b[^.]{0,30}\btarget\b/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'says what happens if nothing changes',
  },
  {
    concept: 'positive_implications',
    pattern:
      /\bif (?:we|they|you) (?:hit|reach|achieve|solve[sd]?|fix|succeed|pull this off)\b|\b(?:would|could|will) (?:free up|let (?:us|them)|allow (?:us|them)|help (?:us|them)|mean (?:we|they))\b|\b(?:we'?d|we would|they'?d|they would) (?:hit|be able|grow|save|finally)\b|\b(?:go|goes) up (?:by )?\d+|\bheadcount for\b|\bpromotion\b|\bbonus\b|\bmore resources\b/gi,
    status: 'met',
    confidence: 0.8,
    reason: 'says what success would bring',
  },
];

/** What a rep's question is about, to read a bare "No." or "Depends." in the answer. */
export const QUESTION_TOPICS: { concept: Concept; pattern: RegExp }[] = [
  {
    concept: 'budget',
    pattern: /\b(?:budget\w*|money|invest\w*|spend|funds?|funding|afford|price|cost|number in mind)\b/i,
  },
  {
    concept: 'authority',
    pattern:
      /\b(?:decide\w*|decision|sign\w*|approv\w*|final (?:call|say)|who else|involved|the one|agree|controls?|owns?)\b/i,
  },
  {
    concept: 'timeline',
    pattern: /\b(?:when|timing|timeline|timeframe|deadline|how soon|go live|in place|by (?:when|then))\b/i,
  },
  {
    concept: 'need',
    pattern:
      /\b(?:problem|issues?|challenges?|pain\w*|headache|struggl\w*|happy|working|bother\w*|frustrat\w*|quality)\b/i,
  },
  {
    concept: 'competition',
    pattern:
      /\b(?:comparing|looking at|evaluating|other (?:vendors|options|solutions|tools)|anyone else|alternatives|competitors|in the running|use|using)\b/i,
  },
  { concept: 'champion', pattern: /\b(?:sponsor|champion|push for|drive|back this|advocate)\b/i },
  {
    concept: 'goals',
    pattern: /\b(?:goals?|targets?|success|good look like|aiming|objective)\b/i,
  },
  { concept: 'metrics', pattern: /\bhow (?:many|much|long|often)\b|\b(?:rate|percentage)\b/i },
  {
    concept: 'plans',
    pattern: /\b(?:have you tried|did you try|roll it out|implement|walk me through how)\b/i,
  },
  {
    concept: 'negative_consequences',
    pattern: /\bwhat happens if\b|\bcost of (?:doing nothing|inaction)\b/i,
  },
  { concept: 'positive_implications', pattern: /\bwhat would change\b|\bif you (?:solved|fixed)\b/i },
];
