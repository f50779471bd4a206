{#- The days an incremental run of agg_actor_day / agg_location_day recomputes: the days of
    this run's mentions and events, and the days the events it touched were on before (an
    event's date is one of its reports' dates, and every report of a touched event, or that
    left one, is in fct_event_mentions, so an event that moved day or lost its last report
    leaves no stale row behind). -#}
{% macro agg_touched_days(mentions_relation) -%}
    select "day" from {{ mentions_relation }} where batch_id = '{{ batch_id() }}'
    union
    select event_date from {{ ref('fct_events_all') }} where batch_id = '{{ batch_id() }}'
    union
    select reports.event_date from {{ ref('fct_event_mentions') }} as reports
    where
        reports.batch_id = '{{ batch_id() }}'
        or reports.event_id in (select event_id from {{ ref('fct_events_all') }} where batch_id = '{{ batch_id() }}')
    union
    select reports.date_start from {{ ref('fct_event_mentions') }} as reports
    where
        reports.date_start is not null
        and (
            reports.batch_id = '{{ batch_id() }}'
            or reports.event_id in (select event_id from {{ ref('fct_events_all') }} where batch_id = '{{ batch_id() }}')
        )
{%- endmacro %}

{#- pre_hook of the agg_*_day models: an incremental run first removes every touched day, then
    appends the day's recomputed rows, so a day left with no rows at all is emptied too (a
    delete+insert on `day` would only replace the days that still have rows). -#}
{% macro agg_clear_touched_days(mentions_relation) -%}
    {% if is_incremental() %}
        delete from {{ this }} where "day" in ({{ agg_touched_days(mentions_relation) }})
    {% endif %}
{%- endmacro %}

{#- pre_hook of bridge_event_actors: the same for events, so an event that lost its last
    report (a tombstone in fct_events_all) keeps no actor rows. -#}
{% macro clear_touched_events() -%}
    {% if is_incremental() %}
        delete from {{ this }}
        where event_id in (select event_id from {{ ref('fct_events_all') }} where batch_id = '{{ batch_id() }}')
    {% endif %}
{%- endmacro %}
