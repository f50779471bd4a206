{{ config(materialized='view') }}

{#- Fatalities by area and month (country and province), with the low-high spread reports give. -#}

with events as (
    select * from {{ ref('rpt_events_explorer') }}
),

final as (
    select
        country_code,
        admin1,
        event_month,
        acled_event_type,
        count(*) as events,
        cast(sum(coalesce(fatalities_low, 0)) as {{ dbt.type_bigint() }}) as fatalities_low,
        cast(sum(coalesce(fatalities_best, 0)) as {{ dbt.type_bigint() }}) as fatalities_best,
        cast(sum(coalesce(fatalities_high, 0)) as {{ dbt.type_bigint() }}) as fatalities_high
    from events
    group by country_code, admin1, event_month, acled_event_type
)

select * from final
