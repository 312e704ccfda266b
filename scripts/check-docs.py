#!/usr/bin/env python3
"""scripts/check-docs.py: keep the door true. `make test` runs it.

README.md is the users' door and docs/*.md hold the depth. This fails if a
relative Markdown link in any of them points at a file that does not
exist, at a file outside the repository, or at a heading anchor
(`file.md#anchor`, or `#anchor` in the same file) that the file does not
have; and if README.md grows past README_MAX_LINES, which is the sign to
move depth into docs/ and keep the door short.

Anchors follow GitHub's rule for headings: the heading's text (a link in
it counts as its text) in lower case, every character but letters,
digits, '_', '-' and spaces dropped, spaces turned into '-'; a repeated
anchor gets -1, -2, ... Headings and links inside fenced code blocks and
inline code spans are not Markdown and are skipped. Python standard
library only.
"""
import os
import re
import sys

README_MAX_LINES = 500

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
LINK = re.compile(r'\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
CODE_SPAN = re.compile(r'(`+)(.+?)\1')
HEADING = re.compile(r'^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$')
FENCE = re.compile(r'^\s*(```|~~~)')


def markdown_lines(text):
    """(line number, line) for each line outside fenced code blocks."""
    fence = None
    for n, line in enumerate(text.split('\n'), 1):
        m = FENCE.match(line)
        if m:
            if fence is None:
                fence = m.group(1)
            elif m.group(1) == fence:
                fence = None
            continue
        if fence is None:
            yield n, line


def anchor_of(heading):
    """GitHub's anchor for a heading's text."""
    text = LINK.sub(lambda m: m.group(1), heading)
    text = CODE_SPAN.sub(lambda m: m.group(2), text)
    text = re.sub(r'[^\w\- ]', '', text.lower())
    return text.replace(' ', '-')


def anchors(path, cache={}):
    """The set of heading anchors of a Markdown file (cached)."""
    if path not in cache:
        seen, found = {}, set()
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for _, line in markdown_lines(text):
            m = HEADING.match(line)
            if not m:
                continue
            base = anchor_of(m.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f'{base}-{count}')
        cache[path] = found
    return cache[path]


def check_link(src, target):
    """None if `target`, linked from the file `src`, resolves; else why not."""
    if re.match(r'^[a-zA-Z][a-zA-Z0-9+.-]*:', target):
        return None                               # http:, https:, mailto: ...
    path, _, anchor = target.partition('#')
    dest = os.path.normpath(os.path.join(os.path.dirname(src), path)) if path else src
    if os.path.relpath(dest, ROOT).startswith('..'):
        return 'points outside the repository'
    if not os.path.exists(dest):
        return 'no such file'
    if anchor and dest.endswith('.md'):
        if os.path.isdir(dest) or anchor not in anchors(dest):
            return f'no heading with anchor #{anchor} in {os.path.relpath(dest, ROOT)}'
    return None


def check_file(path):
    """The broken links of one Markdown file, as messages."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    errors = []
    for n, line in markdown_lines(text):
        for m in LINK.finditer(CODE_SPAN.sub('', line)):
            why = check_link(path, m.group(2))
            if why:
                errors.append(f'{os.path.relpath(path, ROOT)}:{n}: ({m.group(2)}): {why}')
    return errors


def main():
    readme = os.path.join(ROOT, 'README.md')
    docs = os.path.join(ROOT, 'docs')
    files = [readme] + sorted(os.path.join(docs, f) for f in os.listdir(docs) if f.endswith('.md'))
    errors = []
    for path in files:
        errors += check_file(path)
    with open(readme, encoding='utf-8') as f:
        lines = f.read().count('\n')
    if lines > README_MAX_LINES:
        errors.append(f'README.md: {lines} lines, more than {README_MAX_LINES}: '
                      'move depth into docs/ and keep the door short')
    if errors:
        print('check-docs: FAILED:')
        for e in errors:
            print(f'    {e}')
        return 1
    print(f'check-docs: ok ({len(files)} Markdown files, every relative link resolves; '
          f'README.md {lines} lines, at most {README_MAX_LINES})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
