{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ agg_clear_touched_days(ref('fct_actor_mentions')) }}",
    )
}}

{#- Per actor and day: how much it is talked about (mentions, articles, outlets, by the article's
    date) and what it does (asserted events as actor1 / actor2 and their fatalities, by event
    date). Incremental: the days this run touched (macro agg_touched_days) are removed and
    recomputed whole. -#}

-- depends_on: {{ ref('fct_events_all') }}, {{ ref('fct_event_mentions') }}

with actor_mentions as (
    select * from {{ ref('fct_actor_mentions') }}
),

events as (
    select * from {{ ref('fct_events') }}
),

{% if is_incremental() %}
touched_days as (
    {{ agg_touched_days(ref('fct_actor_mentions')) }}
),
{% endif %}

mention_rows as (
    select
        actor_key,
        day,
        count(*) as mentions,
        count(distinct article_id) as articles,
        count(distinct source_domain) as sources,
        0 as events_as_actor1,
        0 as events_as_actor2,
        0 as event_fatalities
    from actor_mentions
    where
        not is_deleted
        and actor_key <> 'unknown'
    {% if is_incremental() %}
        and "day" in (select "day" from touched_days)
        {% endif %}
    group by actor_key, day
),

event_roles as (
    select
        event_id,
        event_date,
        actor1_key as actor_key,
        1 as as_actor1,
        0 as as_actor2,
        fatalities_best
    from events
    where not is_deleted
    union all
    select
        event_id,
        event_date,
        actor2_key as actor_key,
        0 as as_actor1,
        1 as as_actor2,
        fatalities_best
    from events
    where not is_deleted and actor2_key <> actor1_key
),

event_rows as (
    select
        actor_key,
        event_date as day,
        0 as mentions,
        0 as articles,
        0 as sources,
        sum(as_actor1) as events_as_actor1,
        sum(as_actor2) as events_as_actor2,
        coalesce(sum(fatalities_best), 0) as event_fatalities
    from event_roles
    where
        actor_key <> 'unknown'
    {% if is_incremental() %}
        and event_date in (select "day" from touched_days)
        {% endif %}
    group by actor_key, event_date
),

stacked as (
    select * from mention_rows
    union all
    select * from event_rows
),

final as (
    select
        actor_key,
        case when actor_key like 'unres\_%' escape '\' then null else actor_key end as actor_id,
        day,
        cast(sum(mentions) as {{ dbt.type_bigint() }}) as mentions,
        cast(sum(articles) as {{ dbt.type_bigint() }}) as articles,
        cast(sum(sources) as {{ dbt.type_bigint() }}) as sources,
        cast(sum(events_as_actor1) as {{ dbt.type_bigint() }}) as events_as_actor1,
        cast(sum(events_as_actor2) as {{ dbt.type_bigint() }}) as events_as_actor2,
        cast(sum(event_fatalities) as {{ dbt.type_bigint() }}) as event_fatalities
    from stacked
    group by actor_key, day
)

select * from final
