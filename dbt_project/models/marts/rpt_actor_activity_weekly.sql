{{ config(materialized='view') }}

{#- Actor activity per week: events as actor1 and actor2, their fatalities, and how much the actor
    was talked about. "How many attacks did ISIS carry out each week, and how many were killed?"
    is a filter on actor_key. -#}

with daily as (
    select * from {{ ref('agg_actor_day') }}
),

actors as (
    select * from {{ ref('dim_actors') }}
    where is_current
),

final as (
    select
        daily.actor_key,
        actors.actor_name,
        actors.actor_type,
        cast({{ dbt.date_trunc('week', 'daily."day"') }} as date) as week_start,
        sum(daily.events_as_actor1) as events_as_actor1,
        sum(daily.events_as_actor2) as events_as_actor2,
        sum(daily.event_fatalities) as event_fatalities,
        sum(daily.mentions) as mentions,
        sum(daily.articles) as articles
    from daily
    left join actors on daily.actor_key = actors.actor_key
    group by
        daily.actor_key, actors.actor_name, actors.actor_type, cast({{ dbt.date_trunc('week', 'daily."day"') }} as date)
)

select * from final
