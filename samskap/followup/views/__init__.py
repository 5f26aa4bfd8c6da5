"""Follow-up pages, split by concept; every view is importable from here (urls.py uses ``views.<name>``)."""

from samskap.followup.views.network import (  # noqa: F401
    _network_people,
    network_csv,
    network_vcard,
    network_view,
    person_vcard,
)
from samskap.followup.views.outcomes import (  # noqa: F401
    _group,
    _guest,
    _guest_group,
    _guest_page,
    _new_form,
    _render_row,
    _row_context,
    group_options,
    group_outcomes,
    group_outcomes_with_new_form,
    guest_group,
    guest_groups,
    guest_row,
    row_create,
    row_delete,
    row_detail,
    row_options,
)
from samskap.followup.views.overview import (  # noqa: F401
    event_outcomes,
    event_report,
    funnel_view,
    index,
    start_panel,
)
from samskap.followup.views.personal import (  # noqa: F401
    _my_person,
    deletion_decide,
    deletion_queue,
    deletion_request,
    my_data,
    unsubscribe,
    withdraw_consent,
)
from samskap.followup.views.signals import (  # noqa: F401
    contact_add,
    contact_remove,
    signals,
    signals_index,
)
from samskap.followup.views.tracking import (  # noqa: F401
    _action,
    _action_page,
    _back,
    _benefit_sections,
    _num,
    _require_update,
    _timeline,
    action_create,
    action_create_options,
    action_detail,
    action_edit,
    action_list,
    action_options,
    application_add,
    application_edit,
    benefit_add,
    benefit_options,
    case_make,
    measurement_add,
    measurements_import,
    phase_set,
)
