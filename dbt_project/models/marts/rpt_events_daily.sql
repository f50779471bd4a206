{{ config(materialized='view') }}

{#- Events per day by type and country (current asserted events), with their fatalities: the
    time series dashboards draw first. -#}

with events as (
    select * from {{ ref('rpt_events_explorer') }}
),

final as (
    select
        event_date,
        country_code,
        event_type,
        acled_event_type,
        count(*) as events,
        cast(sum(coalesce(fatalities_best, 0)) as {{ dbt.type_bigint() }}) as fatalities_best,
        cast(sum(coalesce(fatalities_low, 0)) as {{ dbt.type_bigint() }}) as fatalities_low,
        cast(sum(coalesce(fatalities_high, 0)) as {{ dbt.type_bigint() }}) as fatalities_high,
        cast(sum(num_articles) as {{ dbt.type_bigint() }}) as articles
    from events
    group by event_date, country_code, event_type, acled_event_type
)

select * from final
