/**
 * The SQL forms of the keys duplicate candidates are found by, shared by the indexes (schema.ts) and the
 * candidate query, which must spell them exactly as the index does for PostgreSQL to use it. They only pick
 * candidates: the pure scoring (core `scoreDuplicate`) decides, with its own finer normalisation.
 */

const ACCENTED = 'ąàáâãäåāćčçďęèéêëēěìíîïīłľĺńňñòóôõöøōřŕśšşťùúûüůūýÿźżž';
const PLAIN = 'aaaaaaaacccdeeeeeeeiiiiilllnnnooooooorrssstuuuuuuyyzzz';

/** Last name, lower-cased with common accents folded: Zieliński and ZIELINSKI share it. */
export const lastNameKeySql = (column: string) =>
  `translate(lower(btrim(${column})), '${ACCENTED}', '${PLAIN}')`;

/**
 * The mailbox name without its +tag and dots: Gmail's dotted variants, +tags and the same name at two domains
 * (home and work) share it.
 */
export const emailLocalKeySql = (column: string) =>
  `replace(regexp_replace(split_part(${column}, '@', 1), '[+].*$', ''), '.', '')`;

/** The last nine digits of a phone number: +48 600 100 200 and 600-100-200 share it. */
export const phoneKeySql = (column: string) => `right(regexp_replace(${column}, '[^0-9]', '', 'g'), 9)`;
