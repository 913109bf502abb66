// Types of the local lint rule (it is plain JavaScript so that eslint.config.js can load it).
import type { Rule } from 'eslint';

declare const rule: Rule.RuleModule;
export default rule;
