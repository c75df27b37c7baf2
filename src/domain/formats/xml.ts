/**
 * XML for the feed formats (arXiv RSS, arXiv API Atom, OAI-PMH), through fast-xml-parser: a
 * pure-JS parser that runs the same in Node and the browser. Namespace prefixes are dropped
 * (`dc:creator` → `creator`), attributes are kept without a prefix, and values stay strings
 * (an arXiv id like 0801.3673 must not become a number).
 *
 * Hostile XML is refused before the parser sees it: a DOCTYPE or ENTITY declaration anywhere
 * (feeds have none, and entities are how an "XML bomb" expands), and the parser's own limits
 * (elements nested more than MAX_DEPTH deep) become a DigestError like any other refusal.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DigestError } from '../errors';
import { lineAt } from './raw';

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Elements that may repeat: always arrays, so one item reads like many. */
const LISTS = new Set([
  'item',
  'entry',
  'record',
  'author',
  'category',
  'creator',
  'version',
  'link',
  'setSpec',
]);

/** The deepest nesting read (fast-xml-parser's default); RSS and Atom need about 5. */
export const MAX_DEPTH = 100;

const parser = new XMLParser({
  maxNestedTags: MAX_DEPTH,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && LISTS.has(name),
});

/** The name of the root element, or null when the text is not XML. */
export function xmlRoot(text: string): string | null {
  const m =
    /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/i.exec(
      text,
    );
  return m ? m[2]! : null;
}

/**
 * Parses well-formed XML; a syntax error names its line. A DOCTYPE or ENTITY declaration
 * anywhere in the text is refused (with its line), and so is nesting deeper than MAX_DEPTH: the
 * only error thrown is a DigestError.
 */
export function parseXml(text: string, what: string): XmlNode {
  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration)
    throw new DigestError(
      `${what} has a <!${declaration[1]!.toUpperCase()}> declaration, which Paperboy does not read (feeds have none, and its entities can expand without bound); remove it`,
      lineAt(text, declaration.index),
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new DigestError(
      `${what} is not well-formed XML (${valid.err.msg}); is the download complete?`,
      valid.err.line,
    );
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DigestError(
      /nested tags/i.test(message)
        ? `${what} nests elements more than ${MAX_DEPTH} levels deep, which no feed does; is it the right file?`
        : `${what} could not be read as XML (${message}); is it the right file?`,
    );
  }
}

/** The text of an element (its `#text` when it has attributes), or ''. */
export function text(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join(' ');
  const inner = value['#text'];
  return typeof inner === 'string' ? inner : '';
}

/** A child element as a node, or an empty node. */
export function child(node: XmlValue | undefined, name: string): XmlNode {
  if (!node || typeof node === 'string' || Array.isArray(node)) return {};
  const value = node[name];
  if (Array.isArray(value)) return (value.find((v) => typeof v === 'object') as XmlNode) ?? {};
  return value && typeof value === 'object' ? value : {};
}

/** The repeated child elements (always an array). */
export function list(node: XmlValue | undefined, name: string): XmlValue[] {
  if (!node || typeof node === 'string' || Array.isArray(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** An attribute of an element, or ''. */
export function attr(node: XmlValue | undefined, name: string): string {
  if (!node || typeof node === 'string' || Array.isArray(node)) return '';
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : '';
}
