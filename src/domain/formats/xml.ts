/**
 * XML for the feed formats (arXiv RSS, arXiv API Atom, OAI-PMH), through fast-xml-parser: a
 * pure-JS parser that runs the same in Node and the browser. Namespace prefixes are dropped
 * (`dc:creator` → `creator`), attributes are kept without a prefix, and values stay strings
 * (an arXiv id like 0801.3673 must not become a number).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DigestError } from '../errors';

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

const parser = new XMLParser({
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

/** Parses well-formed XML; a syntax error names its line. DOCTYPEs (entity bombs) are refused. */
export function parseXml(text: string, what: string): XmlNode {
  if (/<!DOCTYPE/i.test(text.slice(0, 2000)))
    throw new DigestError(
      `${what} with a <!DOCTYPE> is not read (feeds have none); remove the DOCTYPE line`,
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new DigestError(
      `${what} is not well-formed XML (${valid.err.msg}); is the download complete?`,
      valid.err.line,
    );
  return parser.parse(text) as XmlNode;
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
