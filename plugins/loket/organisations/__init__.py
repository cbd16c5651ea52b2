"""Several organisations in one repository: a shared service centre such as IJsselstein and Montfoort.

    catalogue/                         shared: themas.yml, diensten/ (offered by all, or by those listed
                                       in a service's `organisaties`), roadmap/, doelen.yml
    organisaties/<id>/organisatie.yml  name, OWMS URI, website, contact, top tasks of one organisation
    organisaties/<id>/diensten/<s>.yml its own service, or the fields of catalogue/diensten/<s>.yml
                                       that differ for it (an override)

A build is for one organisation (`LOKET_ORGANISATIE`); without organisaties/ a
repository is one municipality exactly as before. Entry points: `load_selected`
(what a build reads), `validate_all` (`loket validate`) and `regio_output` (the
internal /regio/ page that sets the organisations side by side).
"""

from .load import (
    ORGANISATION_ENV,
    ORGANISATIONS_DIR,
    is_multi_organisation,
    load_organisation,
    load_selected,
    organisation_ids,
    selection_problem,
    validate_all,
)

__all__ = [
    "ORGANISATION_ENV",
    "ORGANISATIONS_DIR",
    "is_multi_organisation",
    "load_organisation",
    "load_selected",
    "organisation_ids",
    "selection_problem",
    "validate_all",
]
