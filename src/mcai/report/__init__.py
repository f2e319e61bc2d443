"""Report stage: one versioned JSON document, with table and Markdown views."""

from mcai.report.build import build_report
from mcai.report.model import REPORT_SCHEMA, Finding, Report, report_json_schema
from mcai.report.views import markdown, table

__all__ = ["build_report", "Report", "Finding", "REPORT_SCHEMA", "report_json_schema", "markdown", "table"]
