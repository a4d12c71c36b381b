"""The batch page's small, self-contained section on passages shared across submissions:
one row per cluster (a passage and the files holding it, the largest clusters first)."""
from __future__ import annotations

from html import escape

SHOW_FILES = 12


def shared_section(top: list[tuple[str, list[str]]], clusters: int, reports: int, total: int) -> str:
    head = (f'<h2 id="shared-h">Shared passages 相同段落</h2><p class="mute">{clusters} passages '
            f'occur in two or more of the {total} submissions; {reports} submissions hold at least '
            'one. A shared passage may be a template the province issued: check before '
            'drawing conclusions.</p>')
    if not top:
        return head
    rows = []
    for i, (text, files) in enumerate(top, 1):
        shown = ", ".join(escape(f) for f in files[:SHOW_FILES])
        more = f" … (+{len(files) - SHOW_FILES})" if len(files) > SHOW_FILES else ""
        rows.append(f'<tr data-cluster="{i}"><td class="num">{i}</td><td class="num">{len(files)}</td>'
                    f'<td>{escape(text)}</td><td class="file">{shown}{more}</td></tr>')
    return (head + '<table id="shared" class="data"><thead><tr><th class="num">#</th>'
            '<th class="num">reports</th><th>passage (as in the first report)</th><th>files</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')
