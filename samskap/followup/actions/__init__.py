"""Write use cases for follow-up. Each runs in one transaction, checks permissions and logs every change.

Outcome rows and actions use optimistic locking: the caller passes the version it read; a stale save raises
StaleVersionError (carrying the current object) and nothing is written.
"""

from samskap.followup.actions._common import (  # noqa: F401
    ACTION_FIELDS,
    APPLICATION_FIELDS,
    GUEST_ROW_FIELDS,
    ROW_FIELDS,
    ROW_FK_FIELDS,
    ROW_M2M_FIELDS,
    ROW_TEXT_FIELDS,
    StaleVersionError,
    _actor_name,
    _check_unknown,
    _display,
    _m2m_display,
    _user,
)
from samskap.followup.actions.benefits import (  # noqa: F401
    BENEFIT_FIELDS,
    MEASUREMENT_FIELDS,
    PHASE_FIELDS,
    _assign,
    _benefit_display,
    _figures_text,
    _plain,
    _require_update,
    _store_measurement,
    add_benefit,
    add_measurement,
    import_measurements,
    make_case,
    set_phase,
    update_benefit,
)
from samskap.followup.actions.contacts import (  # noqa: F401
    add_contact,
    claim_digest,
    claim_reminders,
    release_digest,
    release_reminders,
    remove_contact,
)
from samskap.followup.actions.privacy import (  # noqa: F401
    _anonymous_label,
    _scrub,
    confirm_deletion,
    erase_deleted_account,
    reject_deletion,
    request_deletion,
    withdraw_consent,
)
from samskap.followup.actions.rows import (  # noqa: F401
    _assign_row,
    _log_row,
    _row_snapshot,
    add_row,
    delete_row,
    update_row,
)
from samskap.followup.actions.tracking import (  # noqa: F401
    _action_snapshot,
    _application_display,
    _assign_action,
    _assign_application,
    _check_action,
    _check_handover,
    _log_action,
    add_application,
    create_action,
    update_action,
    update_application,
)
