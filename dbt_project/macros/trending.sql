{#- The weekly trending table both trending_* views are: mention volume per `key` and week
    against its own trailing baseline (`trending_baseline_weeks` weeks before, missing weeks
    counted as zero), z-score and a trending flag. `carried`: descriptive columns of the daily
    table kept per key and week (max). -#}
{% macro trending_weeks(daily_relation, key, carried=[]) -%}
{%- set baseline_weeks = var('trending_baseline_weeks') %}

with daily as (
    select * from {{ daily_relation }}
),

weeks as (
    select
        {{ key }},
        {%- for col in carried %}
        max({{ col }}) as {{ col }},
        {%- endfor %}
        cast({{ dbt.date_trunc('week', '"day"') }} as date) as week_start,
        cast(sum(mentions) as {{ dbt.type_bigint() }}) as mentions,
        cast(sum(articles) as {{ dbt.type_bigint() }}) as articles,
        cast(sum(sources) as {{ dbt.type_bigint() }}) as sources
    from daily
    group by {{ key }}, cast({{ dbt.date_trunc('week', '"day"') }} as date)
),

baseline as (
    -- sums over the baseline weeks; weeks with no mention add nothing, i.e. count as zero
    select
        this_week.{{ key }},
        this_week.week_start,
        cast(coalesce(sum(
            case
                when earlier.week_start = cast({{ dbt.dateadd('week', -1, 'this_week.week_start') }} as date)
                    then earlier.mentions
            end
        ), 0) as {{ dbt.type_bigint() }}) as mentions_last_week,
        coalesce(sum(earlier.mentions), 0) / {{ baseline_weeks }}.0 as baseline_mean,
        coalesce(sum(earlier.mentions * earlier.mentions), 0) / {{ baseline_weeks }}.0 as baseline_mean_square
    from weeks as this_week
    left join weeks as earlier
        on
            this_week.{{ key }} = earlier.{{ key }}
            and this_week.week_start > earlier.week_start
            and earlier.week_start >= cast({{ dbt.dateadd('week', -baseline_weeks, 'this_week.week_start') }} as date)
    group by this_week.{{ key }}, this_week.week_start
),

scored as (
    select
        {{ key }},
        week_start,
        mentions_last_week,
        baseline_mean,
        sqrt(greatest(baseline_mean_square - baseline_mean * baseline_mean, 0)) as baseline_sd
    from baseline
),

final as (
    select
        weeks.*,
        scored.mentions_last_week,
        weeks.mentions - scored.mentions_last_week as change_from_last_week,
        scored.baseline_mean,
        scored.baseline_sd,
        -- a floor of 1 on the spread keeps a first mention from looking infinitely unusual
        (weeks.mentions - scored.baseline_mean) / greatest(scored.baseline_sd, 1) as z_score,
        weeks.mentions >= 3
        and (weeks.mentions - scored.baseline_mean) / greatest(scored.baseline_sd, 1) >= 2 as is_trending
    from weeks
    inner join scored on weeks.{{ key }} = scored.{{ key }} and weeks.week_start = scored.week_start
)

select * from final
{%- endmacro %}
