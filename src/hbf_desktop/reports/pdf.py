"""Reports as a PDF a funder can read: a title page, then each report's figures and charts, every page labelled
internal or de-identified. matplotlib's PDF backend writes it, so no second drawing library is needed."""

from __future__ import annotations

import io

from matplotlib.backends.backend_pdf import PdfPages

from hbf_desktop.reports.charts import report_pages, title_page
from hbf_desktop.reports.disclosure import DisclosureRules
from hbf_desktop.reports.measures import ReportSet
from hbf_desktop.reports.output import notice


def to_pdf(report_set: ReportSet, rules: DisclosureRules | None) -> bytes:
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "HBF programme report", "Subject": notice(rules)}) as document:
        for figure in [title_page(report_set, rules), *report_pages(report_set, rules)]:
            document.savefig(figure)
    return buffer.getvalue()
