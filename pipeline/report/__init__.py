"""What every output shares: the document frame, template parts, feedback workbooks, CSV and safe file writing."""
