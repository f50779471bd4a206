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
        cast(sum(daily.events_as_actor1) as {{ dbt.type_bigint() }}) as events_as_actor1,
        cast(sum(daily.events_as_actor2) as {{ dbt.type_bigint() }}) as events_as_actor2,
        cast(sum(daily.event_fatalities) as {{ dbt.type_bigint() }}) as event_fatalities,
        cast(sum(daily.mentions) as {{ dbt.type_bigint() }}) as mentions,
        cast(sum(daily.articles) as {{ dbt.type_bigint() }}) as articles
    from daily
    left join actors on daily.actor_key = actors.actor_key
    group by
        daily.actor_key, actors.actor_name, actors.actor_type, cast({{ dbt.date_trunc('week', 'daily."day"') }} as date)
)

select * from final
