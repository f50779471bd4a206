{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ agg_clear_touched_days(ref('fct_location_mentions')) }}",
    )
}}

{#- Per place and day: how much it is in the news (mentions, articles, outlets, by the article's
    date) and what happens there (asserted events and their fatalities, by event date), with
    admin1 and country so that province and country roll-ups are one group-by away. -#}

-- depends_on: {{ ref('fct_events_all') }}, {{ ref('fct_event_mentions') }}

with location_mentions as (
    select * from {{ ref('fct_location_mentions') }}
),

events as (
    select * from {{ ref('fct_events') }}
),

places as (
    select * from {{ ref('dim_locations') }}
),

{% if is_incremental() %}
touched_days as (
    {{ agg_touched_days(ref('fct_location_mentions')) }}
),
{% endif %}

mention_rows as (
    select
        location_id,
        day,
        count(*) as mentions,
        count(distinct article_id) as articles,
        count(distinct source_domain) as sources,
        0 as events,
        0 as event_fatalities
    from location_mentions
    where
        not is_deleted
        and location_id is not null
    {% if is_incremental() %}
        and "day" in (select "day" from touched_days)
        {% endif %}
    group by location_id, day
),

event_rows as (
    select
        location_id,
        event_date as day,
        0 as mentions,
        0 as articles,
        0 as sources,
        count(*) as events,
        coalesce(sum(fatalities_best), 0) as event_fatalities
    from events
    where
        not is_deleted
        and location_id is not null
    {% if is_incremental() %}
        and event_date in (select "day" from touched_days)
        {% endif %}
    group by location_id, event_date
),

stacked as (
    select * from mention_rows
    union all
    select * from event_rows
),

summed as (
    select
        location_id,
        day,
        sum(mentions) as mentions,
        sum(articles) as articles,
        sum(sources) as sources,
        sum(events) as events,
        sum(event_fatalities) as event_fatalities
    from stacked
    group by location_id, day
),

final as (
    select
        summed.location_id,
        places.location_name,
        places.admin1,
        places.country_code,
        summed.day,
        cast(summed.mentions as {{ dbt.type_bigint() }}) as mentions,
        cast(summed.articles as {{ dbt.type_bigint() }}) as articles,
        cast(summed.sources as {{ dbt.type_bigint() }}) as sources,
        cast(summed.events as {{ dbt.type_bigint() }}) as events,
        cast(summed.event_fatalities as {{ dbt.type_bigint() }}) as event_fatalities
    from summed
    left join places on summed.location_id = places.geonames_id
)

select * from final
