{{ config(materialized='view') }}

{#- The starting point for dashboards and ad-hoc questions: current (not deleted) asserted events
    with actor and place names and the week/month keys a sitrep user filters by most (country,
    province, event type, actor, week, month). One row per event: counts never double-count. -#}

with events as (
    select * from {{ ref('fct_events') }}
    where not is_deleted
),

actors as (
    select * from {{ ref('dim_actors') }}
    where is_current
),

final as (
    select
        events.event_id,
        events.event_date,
        cast({{ dbt.date_trunc('week', 'events.event_date') }} as date) as event_week,
        cast({{ dbt.date_trunc('month', 'events.event_date') }} as date) as event_month,
        events.date_precision,
        events.event_type,
        events.event_mode,
        events.acled_event_type,
        events.acled_sub_event_type,
        events.actor1_key,
        coalesce(actor1.actor_name, events.actor1_name) as actor1_name,
        actor1.actor_type as actor1_type,
        events.actor2_key,
        coalesce(actor2.actor_name, events.actor2_name) as actor2_name,
        actor2.actor_type as actor2_type,
        events.location_id,
        events.location_name,
        events.admin1,
        events.country_code,
        events.latitude,
        events.longitude,
        events.geo_precision,
        events.fatalities_low,
        events.fatalities_best,
        events.fatalities_high,
        events.source_original,
        events.num_mentions,
        events.num_articles,
        events.num_sources,
        events.confidence,
        events.first_reported_at
    from events
    left join actors as actor1 on events.actor1_key = actor1.actor_key
    left join actors as actor2 on events.actor2_key = actor2.actor_key
)

select * from final
