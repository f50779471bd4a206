with source as (
    select * from {{ source('raw', 'comments') }}
),

renamed as (
    select
        cast(comment_id as {{ dbt.type_string() }}) as comment_id,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(position as {{ dbt.type_int() }}) as comment_position,
        cast(text as {{ dbt.type_string() }}) as comment_text,
        cast(dt as date) as partition_date
    from source
)

select * from renamed
