"""Generated pages handed to the site engine as finished HTML, without a second Markdown pass.

loket's templates write Markdown that is almost all raw HTML blocks plus a few
`## headings { attrs }`. Python-Markdown would parse every one of those HTML
blocks again only to copy it through unchanged. `blocks.split_generated` reads
such a page as a list of headings and raw HTML blocks, exactly as
Python-Markdown's block parser would cut it, or returns None when the page
holds anything else (then the engine's own Markdown renders it as before).
`mkdocs_page` is the MkDocs side: it renders the headings with the site's
own Markdown configuration (ids, permalinks, TOC tokens) and gives the pages
their content, TOC and anchors.
"""

from .blocks import GeneratedBody, Heading, RawHtml, split_generated

__all__ = ["GeneratedBody", "Heading", "RawHtml", "split_generated"]
