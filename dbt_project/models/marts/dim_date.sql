{#- One row per calendar day 2000-2035, with the week, month and year keys dashboards group by. -#}

with spine as (
    {{ dbt.date_spine('day', "cast('2000-01-01' as date)", "cast('2036-01-01' as date)") }}
),

final as (
    select
        cast(date_day as date) as date_day,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as year_start,
        cast(extract(year from date_day) as {{ dbt.type_int() }}) as year_number,
        cast(extract(month from date_day) as {{ dbt.type_int() }}) as month_number,
        cast(extract(day from date_day) as {{ dbt.type_int() }}) as day_of_month,
        cast(extract(isodow from date_day) as {{ dbt.type_int() }}) as iso_day_of_week,
        cast(extract(week from date_day) as {{ dbt.type_int() }}) as iso_week_number
    from spine
)

select * from final
