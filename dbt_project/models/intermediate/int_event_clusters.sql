{{
    config(
        materialized='incremental',
        unique_key='event_mention_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns',
    )
}}

{#-
  Event resolution: which live event mentions describe the same real-world event.

  1. Block: same event family (PLOVER type, folded by var cluster_event_families) and same place key
     (GeoNames id, else grid cell, else province, else country; no place = this article only).
     A report placed only at a district/province/country joins the block of the one town inside
     that place with a report of its family and overlapping dates (two such towns: no merge) if
     one of that town's reports has compatible actors.
  2. Within a block, sort by date and start a new event when a report's date range begins more
     than `cluster_gap_days` after every earlier report's range ended (date ranges that overlap
     or touch chain into one event).
  3. Within that, split by actor1: reports naming different resolved actor1 are different
     events; a report with no resolved actor1, or an unidentified armed group, joins the
     most-reported actor1 of its group.
  4. event_id = hash of the founding mention: the earliest landed (partition day, then id).
     Later reports join an existing event and keep its id; when a late report bridges two
     events, the older id survives and the younger is marked deleted in fct_events_all.

  Incremental: recomputes whole scopes (event family x country of a gazetteer place, else the
  block) touched by this run's mentions, so the result equals a full refresh over the same raw
  data (proved in tests/warehouse).
-#}

with mentions as (
    select
        *,
        -- everything a report's clustering can depend on: its family within the country of a
        -- gazetteer place (a coarse report attaches only to towns of its own country), else
        -- just its block
        case
            when block_place_level is not null
                then {{ dbt.concat([event_family('event_type'), "'|country:'", 'block_country_code']) }}
            else block_key
        end as scope_key
    from {{ ref('int_event_mentions') }}
),

{% if is_incremental() %}
changed as (
    select event_mention_id, scope_key
    from mentions
    where batch_id = '{{ batch_id() }}'
),

{#- a warehouse built before scopes existed has no scope_key yet (a unit test's this is a fixture) #}
{%- if this is string %}
    {%- set previous_columns = ['scope_key'] %}
{%- else %}
    {%- set previous_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list %}
{%- endif %}
touched_scopes as (
    select scope_key from changed
    union
    -- the scope (or, for rows written before scopes existed, the block) a changed mention
    -- used to be in must be re-clustered too
    {%- if 'scope_key' in previous_columns %}
    select coalesce(previous.scope_key, previous.block_key)
    {%- else %}
    select previous.block_key
    {%- endif %}
    from {{ this }} as previous
    inner join changed on previous.event_mention_id = changed.event_mention_id
),
{% endif %}

live as (
    select
        event_mention_id,
        block_key,
        scope_key,
        block_admin1,
        block_place_level,
        event_date,
        event_date_end,
        {{ days_between('event_date', 'event_date_end') }} as span_days,
        {{ party_key('actor1_id') }} as actor1_id,
        {{ party_key('actor2_id') }} as actor2_id,
        partition_date
    from mentions
    where
        not is_deleted
    {% if is_incremental() %}
        and scope_key in (select scope_key from touched_scopes)
        {% endif %}
),

coarse_reports as (
    -- what attaching a coarse report depends on; its copies (the same story, syndicated) are
    -- matched once, so a big story does not cost copies x copies comparisons
    select distinct
        scope_key,
        block_admin1,
        event_date,
        event_date_end,
        actor1_id,
        actor2_id
    from live
    where block_place_level = 'coarse'
),

town_reports as (
    select distinct
        scope_key,
        block_key,
        block_admin1,
        event_date,
        event_date_end,
        actor1_id,
        actor2_id
    from live
    where block_place_level = 'town'
),

attach_candidates as (
    -- Across articles, a report placed only at a district, province or country ("in eastern
    -- Syria", "in Baghdad province") may be about a town-level report of its family inside
    -- that place whose dates overlap (within cluster_gap_days)...
    select
        coarse.scope_key,
        coarse.block_admin1,
        coarse.event_date,
        coarse.event_date_end,
        coarse.actor1_id,
        coarse.actor2_id,
        town.block_key as town_block_key,
        case
            when
                (coarse.actor1_id is null or town.actor1_id is null or coarse.actor1_id = town.actor1_id)
                and (coarse.actor2_id is null or town.actor2_id is null or coarse.actor2_id = town.actor2_id)
                then 1
            else 0
        end as actors_compatible
    from coarse_reports as coarse
    inner join town_reports as town
        on
            coarse.scope_key = town.scope_key
            and (coarse.block_admin1 is null or lower(coarse.block_admin1) = lower(town.block_admin1))
            and coarse.event_date <= {{ dbt.dateadd('day', var('cluster_gap_days'), 'town.event_date_end') }}
            and town.event_date <= {{ dbt.dateadd('day', var('cluster_gap_days'), 'coarse.event_date_end') }}
),

report_attachments as (
    -- ... it joins that town only when the town is the only one (two towns with such reports,
    -- whatever their actors, is ambiguous: no merge) and one of its reports there has
    -- compatible actor1 and actor2 (equal or one missing)
    select
        scope_key,
        block_admin1,
        event_date,
        event_date_end,
        actor1_id,
        actor2_id,
        min(town_block_key) as town_block_key
    from attach_candidates
    group by scope_key, block_admin1, event_date, event_date_end, actor1_id, actor2_id
    having count(distinct town_block_key) = 1 and max(actors_compatible) = 1
),

attachments as (
    select
        live.event_mention_id,
        report_attachments.town_block_key
    from live
    inner join report_attachments
        on
            live.scope_key = report_attachments.scope_key
            and live.block_admin1 is not distinct from report_attachments.block_admin1
            and live.event_date is not distinct from report_attachments.event_date
            and live.event_date_end is not distinct from report_attachments.event_date_end
            and live.actor1_id is not distinct from report_attachments.actor1_id
            and live.actor2_id is not distinct from report_attachments.actor2_id
    where live.block_place_level = 'coarse'
),

members as (
    select
        live.event_mention_id,
        live.block_key as own_block_key,
        live.scope_key,
        coalesce(attachments.town_block_key, live.block_key) as block_key,
        live.event_date,
        live.event_date_end,
        live.span_days,
        live.actor1_id,
        live.partition_date
    from live
    left join attachments on live.event_mention_id = attachments.event_mention_id
),

dated as (
    -- the day a report puts the event on: its date, or for a report dated only to a span
    -- (an undated headline: the week before publication) the span's last day
    select
        event_mention_id,
        own_block_key,
        scope_key,
        block_key,
        actor1_id,
        partition_date,
        case
            when span_days <= {{ var('cluster_gap_days') }} then event_date
            else event_date_end
        end as cluster_date
    from members
),

running_end as (
    select
        *,
        max(cluster_date) over (
            partition by block_key
            order by cluster_date, event_mention_id
            rows between unbounded preceding and 1 preceding
        ) as previous_max_date
    from dated
),

chains as (
    select
        *,
        sum(
            case
                when previous_max_date is null then 1
                when cluster_date > {{ dbt.dateadd('day', var('cluster_gap_days'), 'previous_max_date') }} then 1
                else 0
            end
        ) over (
            partition by block_key
            order by cluster_date, event_mention_id
            rows between unbounded preceding and current row
        ) as chain_number
    from running_end
),

chain_starts as (
    select
        *,
        min(cluster_date) over (partition by block_key, chain_number) as chain_start
    from chains
),

sessions as (
    -- a chain of daily reports is cut into windows of cluster_gap_days + 1 days from its first
    -- report, so reports on consecutive days never creep into one event spanning a week
    {%- set window_days = var('cluster_gap_days') + 1 %}
    select
        *,
        {{ dbt.concat([
            dbt.safe_cast('chain_number', dbt.type_string()),
            "'.'",
            dbt.safe_cast(
                'floor(' ~ days_between('chain_start', 'cluster_date') ~ ' / ' ~ window_days ~ ')',
                dbt.type_string(),
            ),
        ]) }} as session_number
    from chain_starts
),

actor_counts as (
    select
        block_key,
        session_number,
        actor1_id,
        count(*) as reports
    from sessions
    where actor1_id is not null
    group by block_key, session_number, actor1_id
),

dominant_actor as (
    select
        block_key,
        session_number,
        actor1_id as dominant_actor1_id,
        row_number() over (
            partition by block_key, session_number order by reports desc, actor1_id asc
        ) as actor_rank
    from actor_counts
),

grouped as (
    select
        sessions.event_mention_id,
        sessions.own_block_key,
        sessions.scope_key,
        sessions.partition_date,
        {{ dbt.concat([
            'sessions.block_key',
            "'#'",
            dbt.safe_cast('sessions.session_number', dbt.type_string()),
            "'#'",
            "coalesce(sessions.actor1_id, dominant_actor.dominant_actor1_id, '')",
        ]) }} as cluster_key
    from sessions
    left join dominant_actor
        on
            sessions.block_key = dominant_actor.block_key
            and sessions.session_number = dominant_actor.session_number
            and dominant_actor.actor_rank = 1
),

founders as (
    select
        cluster_key,
        event_mention_id as founder_mention_id,
        row_number() over (
            partition by cluster_key order by partition_date, event_mention_id
        ) as founder_rank
    from grouped
),

final as (
    select
        grouped.event_mention_id,
        {{ dbt.concat([
            "'ev_'",
            "substring(" ~ dbt.hash(dbt.concat(["'event|'", 'founders.founder_mention_id'])) ~ ", 1, 16)",
        ]) }} as event_id,
        founders.founder_mention_id,
        grouped.own_block_key as block_key,
        grouped.scope_key,
        grouped.cluster_key
    from grouped
    inner join founders
        on
            grouped.cluster_key = founders.cluster_key
            and founders.founder_rank = 1
),

{% if is_incremental() %}
previous_events as (
    select
        event_mention_id,
        event_id,
        batch_id
    from {{ this }}
),
{% endif %}

stamped as (
    -- a re-clustered mention whose event is what it was keeps its batch: downstream models
    -- re-read what this run changed, not every mention of a touched scope (a whole country's
    -- events of a family: 2.5M event mentions re-read each day at 1M events)
    select
        final.*,
        {% if is_incremental() -%}
            case
                when previous_events.event_id = final.event_id then previous_events.batch_id
                else '{{ batch_id() }}'
            end as batch_id,
            previous_events.event_id as previous_event_id
        {%- else -%}
            '{{ batch_id() }}' as batch_id,
            cast(null as {{ dbt.type_string() }}) as previous_event_id
        {%- endif %}
    from final
    {% if is_incremental() -%}
        left join previous_events on final.event_mention_id = previous_events.event_mention_id
    {%- endif %}
)

select * from stamped
