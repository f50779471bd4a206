{{ config(materialized='view') }}

{#- Locations whose mention volume in a week is unusual against their own trailing baseline
    (the previous `trending_baseline_weeks` weeks, missing weeks counted as zero), with the
    numbers that make it so. Filter week_start to the week you care about and sort by z_score. -#}

{{ trending_weeks(ref('agg_location_day'), 'location_id', ['location_name', 'admin1', 'country_code']) }}
